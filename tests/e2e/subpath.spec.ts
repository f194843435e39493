// The smoke test from a sub-path (/some/sub/path/) of a plain file server: the app, its assets, a
// share link and the embed page all load with relative URLs. Paths here are relative to baseURL.
import { test, expect } from '@playwright/test';

test('the site works from /some/sub/path/', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('favicon.ico')) failed.push(response.url());
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'ggaccess', exact: true })).toBeVisible();
  await expect(page.getByText('No problems found')).toBeVisible();
  await page.getByRole('article', { name: 'image-classifier' })
    .getByLabel('Containerization').selectOption({ label: 'No container' });
  await expect(page.getByRole('tab', { name: /^Diagnostics/ })).toContainText('finding');

  // The share link stays under the sub-path.
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('#share-link').inputValue();
  expect(link).toContain('/some/sub/path/#v1:');

  await page.goto('examples/embed.html');
  const nested = page.frameLocator('#nested');
  await expect(nested.getByText('ml/nested-destination').first()).toBeVisible();
  await expect(page.frameLocator('#valid').getByText('No problems found')).toBeVisible();
  expect(failed).toEqual([]);
});
