// Screenshots for the README, in light and dark mode: the built-in example with one function moved
// out of its container, so that fields, fixes and the diagnostics panel all show.
import { test, expect } from '@playwright/test';

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByText('No problems found')).toBeVisible();

    const fn = page.getByRole('article', { name: 'image-classifier' });
    await fn.getByLabel('Containerization').selectOption({ label: 'No container' });
    await expect(page.getByRole('tab', { name: /^Diagnostics/ })).not.toContainText('No problems');
    // The function's card at the top of the view, below the sticky header.
    await fn.evaluate((card) => window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY - 76));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `docs/screenshot-${scheme}.png` });
  });
}
