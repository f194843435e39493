// Keep, share and embed: autosave, undo and redo, share links, the embed page and an axe scan,
// through the built site in Chromium.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';

const SAVED = 'ggaccess.saved';

const fixture = (name: string) =>
  JSON.parse(readFileSync(`crates/core/fixtures/${name}.json`, 'utf8'));

/** One NoContainer function that attaches an owned ML resource with `ro`: one error, with a fix. */
const FIXABLE = {
  Functions: [{
    Id: 'object-detector',
    FunctionArn: 'arn:aws:lambda:us-west-2:123456789012:function:object-detector:1',
    FunctionConfiguration: {
      Environment: {
        Execution: { IsolationMode: 'NoContainer' },
        ResourceAccessPolicies: [{ ResourceId: 'models', Permission: 'ro' }],
      },
      Pinned: true,
      Timeout: 5,
    },
  }],
  Resources: [{
    Id: 'models',
    Name: 'models',
    ResourceDataContainer: {
      S3MachineLearningModelResourceData: {
        DestinationPath: '/ml/models',
        S3Uri: 's3://my-models-bucket/models.tar.gz',
        OwnerSetting: { GroupOwner: '1500', GroupPermission: 'ro' },
      },
    },
  }],
};

/** The share texts examples/embed.html embeds: the containerized page case, and nested paths. */
const embedded = () =>
  [...readFileSync('examples/embed.html', 'utf8').matchAll(/#(v1:[A-Za-z0-9_-]+)/g)].map((m) => m[1]);

async function exported(page: Page) {
  await page.getByRole('tab', { name: /^Export/ }).click();
  await page.getByRole('tab', { name: 'Merged document' }).click();
  const text = await page.getByRole('tabpanel', { name: 'Merged document' }).locator('pre').textContent();
  return JSON.parse(text ?? '');
}

/** Opens the site on a share text with a full load (a same-page hash change does not reload). */
async function openLink(page: Page, text: string) {
  await page.goto('about:blank');
  await page.goto(`/#${text}`);
}

const saved = (page: Page) => page.evaluate((key) => localStorage.getItem(key) ?? '', SAVED);

test('a reload restores the work', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByRole('button', { name: 'Add Lambda function' }).click();
  await page.getByRole('article', { name: 'function-1' }).getByLabel('Id', { exact: true }).fill('kept-fn');
  await expect.poll(() => saved(page)).toContain('"kept-fn"');

  await page.reload();
  await expect(page.getByRole('article', { name: 'kept-fn' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'image-classifier' })).toHaveCount(0);
});

test('undo and redo step across an import and a fix', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New group' }).click();
  await expect(page.getByText('No problems found')).toBeVisible();

  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Definition to import').fill(JSON.stringify(FIXABLE));
  await page.getByRole('button', { name: 'Import pasted text' }).click();
  await page.getByRole('tab', { name: /^Diagnostics/ }).click();
  const fix = page.getByRole('button', { name: /Inherit the owner's permission/ }).first();
  await expect(fix).toBeVisible();
  await fix.click();
  await expect(page.getByText('No problems found')).toBeVisible();
  expect(await exported(page)).toEqual({
    ...FIXABLE,
    Functions: [{
      ...FIXABLE.Functions[0],
      FunctionConfiguration: {
        ...FIXABLE.Functions[0].FunctionConfiguration,
        Environment: {
          Execution: { IsolationMode: 'NoContainer' },
          ResourceAccessPolicies: [{ ResourceId: 'models' }],
        },
      },
    }],
  });

  // Undo the fix (keyboard), then the import (button): back to the empty group.
  await page.locator('body').press('Control+z');
  expect(await exported(page)).toEqual(FIXABLE);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('article', { name: 'object-detector' })).toHaveCount(0);

  // Redo both: Shift+Ctrl+Z brings the import back, Ctrl+Y the fix.
  await page.locator('body').press('Control+Shift+z');
  expect(await exported(page)).toEqual(FIXABLE);
  await page.locator('body').press('Control+y');
  await page.getByRole('tab', { name: /^Diagnostics/ }).click();
  await expect(page.getByText('No problems found')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();
});

test('a share link opened in a fresh browser reproduces the config exactly', async ({ page, browser }) => {
  await page.goto('/');
  // Unicode that is not Latin-1, and a core version other than the default.
  const model = page.getByRole('article', { name: 'squeezenet-model' });
  await model.getByLabel('Name', { exact: true }).fill('модель 模型 🚀');
  await page.getByLabel('Greengrass core version').selectOption('1.9');
  const doc = await exported(page);

  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('#share-link').inputValue();
  expect(link).toMatch(/#v1:[A-Za-z0-9_-]+$/);
  await expect(page.locator('#share-length')).toHaveText(`${link.length} characters.`);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Greengrass core version')).toHaveValue('1.9');
  expect(await exported(other)).toEqual(doc);
  // Nothing was saved in the fresh browser, so nothing needed choosing.
  await expect(other.getByText('You are looking at a shared group.')).toHaveCount(0);
  await fresh.close();
});

test('a share link opened over saved work leaves that work recoverable', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByRole('button', { name: 'Add Lambda function' }).click();
  await page.getByRole('article', { name: 'function-1' }).getByLabel('Id', { exact: true }).fill('my-work');
  await expect.poll(() => saved(page)).toContain('"my-work"');
  const before = await saved(page);

  const [containerized] = embedded();
  await openLink(page, containerized);
  await expect(page.getByText('You are looking at a shared group.')).toBeVisible();
  expect(await exported(page)).toEqual(fixture('containerized'));
  // Changes to the shared group are not saved over the work.
  await page.getByRole('article', { name: 'image-classifier' }).getByLabel('Timeout').fill('9');
  await page.waitForTimeout(800);
  expect(await saved(page)).toBe(before);

  await page.getByRole('button', { name: 'Back to my saved work' }).click();
  await expect(page.getByRole('article', { name: 'my-work' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('article', { name: 'my-work' })).toBeVisible();

  // Keeping a shared group instead puts the work aside and offers it as a download.
  await openLink(page, containerized);
  await page.getByRole('button', { name: 'Keep the shared group' }).click();
  await expect(page.getByRole('region', { name: 'Saved work kept aside' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download it' }).click();
  const file = await (await download).path();
  expect(JSON.parse(readFileSync(file, 'utf8')).doc.Functions[0].Id).toBe('my-work');
});

test('a tampered or truncated share link says why it cannot be opened', async ({ page }) => {
  const [containerized] = embedded();
  const middle = containerized.length >> 1;
  const tampered = containerized.slice(0, middle) + '*' + containerized.slice(middle + 1);
  await openLink(page, tampered);
  await expect(page.getByRole('alert')).toContainText('This share link could not be opened.');
  await expect(page.getByRole('alert')).toContainText('not valid base64url');
  // The page still works, on the example.
  await expect(page.getByRole('article', { name: 'image-classifier' })).toBeVisible();

  await openLink(page, containerized.slice(0, middle));
  await expect(page.getByRole('alert')).toContainText('changed or cut short');
});

test('a damaged saved record is kept aside and offered as a download', async ({ page }) => {
  await page.goto('/');
  await page.evaluate((key) => localStorage.setItem(key, '{"version": 1, "doc": '), SAVED);
  await page.reload();
  const banner = page.getByRole('region', { name: 'Saved work kept aside' });
  await expect(banner).toContainText('could not be read');
  const aside = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('ggaccess.saved.aside.')).map((k) => localStorage.getItem(k)));
  expect(aside).toEqual(['{"version": 1, "doc": ']);
});

test("the first page version's record is moved aside once and offered as a download", async ({ page }) => {
  const legacy = JSON.stringify({ doc: { Functions: [{ Id: 'old-work' }] }, coreVersion: '1.11' });
  await page.goto('/');
  await page.evaluate((text) => localStorage.setItem('ggaccess.group.v1', text), legacy);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Saved work kept aside' }))
    .toContainText('an earlier version of this page saved it in another format');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download it' }).click();
  expect(readFileSync(await (await download).path(), 'utf8')).toBe(legacy);
  expect(await page.evaluate(() => localStorage.getItem('ggaccess.group.v1'))).toBeNull();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Saved work kept aside' })).toHaveCount(0);
});

test('another tab saving pauses autosave until the user chooses', async ({ page, context }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New group' }).click();
  await expect.poll(() => saved(page)).not.toBe('');
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'Add Lambda function' }).click();
  await expect.poll(() => saved(other)).toContain('function-1');

  await expect(page.getByText('Another tab saved different work.')).toBeVisible();
  await page.getByRole('button', { name: "Load the other tab's work" }).click();
  await expect(page.getByRole('article', { name: 'function-1' })).toBeVisible();
});

test('the embed page sizes both editors and shows the nested-destination error', async ({ page }) => {
  await page.goto('/examples/embed.html');
  for (const id of ['valid', 'nested']) {
    const frame = page.frameLocator(`#${id}`);
    await expect(frame.getByRole('tab', { name: /^Diagnostics/ })).toBeVisible();
    await expect(frame.getByRole('button', { name: 'New group' })).toHaveCount(0);
    // The iframe is as tall as the editor inside it (the page posted its height).
    await expect.poll(async () => {
      const outer = await page.locator(`#${id}`).evaluate((el) => el.clientHeight);
      const inner = await frame.locator('body').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      return Math.abs(outer - inner);
    }).toBeLessThanOrEqual(1);
  }
  const valid = page.frameLocator('#valid');
  await expect(valid.getByText('No problems found')).toBeVisible();
  const nested = page.frameLocator('#nested');
  await expect(nested.getByText('ml/nested-destination').first()).toBeVisible();
  await expect(nested.getByRole('button', { name: 'Add Lambda function' })).toBeDisabled();
  // Embeds never write the host's saved work.
  expect(await saved(page)).toBe('');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByText('No problems found')).toBeVisible();
    // Show a finding, the share panel and a banner, so their colours are checked too.
    await page.getByRole('article', { name: 'image-classifier' })
      .getByLabel('Containerization').selectOption({ label: 'No container' });
    await page.getByRole('button', { name: 'Share link' }).click();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
  });
}

test('a link past 2,000 characters says that some tools cut it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New group' }).click();
  // 150 functions with pseudo-random ids: text that deflate cannot shrink much.
  let seed = 12345;
  const hex = () => {
    let text = '';
    for (let i = 0; i < 24; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      text += (seed >> 16).toString(16).slice(-1);
    }
    return text;
  };
  const functions = Array.from({ length: 150 }, () => ({ Id: `fn-${hex()}` }));
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Definition to import').fill(JSON.stringify({ Functions: functions }));
  await page.getByRole('button', { name: 'Import pasted text' }).click();
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('#share-link').inputValue();
  expect(link.length).toBeGreaterThan(2000);
  await expect(page.locator('#share-length')).toContainText(`This link is ${link.length} characters long, past 2,000`);
});

test('the header, the share panel and a banner work from the keyboard with a focus ring', async ({ page }) => {
  const [containerized] = embedded();
  await page.goto('/');
  await page.getByRole('button', { name: 'New group' }).click();
  await expect.poll(() => saved(page)).not.toBe('');
  await openLink(page, containerized);

  // Tab from the top of the page to the Share link button and open the panel with Enter.
  const share = page.getByRole('button', { name: 'Share link' });
  for (let i = 0; i < 12 && !(await share.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(share).toBeFocused();
  const ring = await share.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('#share-link')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator('#share-link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeFocused();

  // The banner's choice is next in order, and Space operates it.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Keep the shared group' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Back to my saved work' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByText('You are looking at a shared group.')).toHaveCount(0);
  await expect(page.getByText('No problems found')).toBeVisible();
});
