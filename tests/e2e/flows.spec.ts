// The user flows of the AWS page on ML resource access, driven through the built site by role and
// label, each from "New group". The exports must equal the core's fixtures of the page's cases.
import { test, expect, type Page, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';

const fixture = (name: string) =>
  JSON.parse(readFileSync(`crates/core/fixtures/${name}.json`, 'utf8'));

const arn = (name: string) => `arn:aws:lambda:us-west-2:123456789012:function:${name}:1`;

async function newGroup(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'New group' }).click();
  await expect(page.getByText('No problems found')).toBeVisible();
}

/** Adds an ML resource and fills its common fields; returns its card. */
async function addModel(page: Page, id: string, name: string, uri: string, path: string) {
  await page.getByRole('button', { name: 'Add machine learning resource' }).click();
  await page.getByRole('article', { name: 'resource-1' }).getByLabel('Resource id').fill(id);
  const card = page.getByRole('article', { name: id });
  await card.getByLabel('Name', { exact: true }).fill(name);
  await card.getByLabel('S3 URI').fill(uri);
  await card.getByLabel('Local path').fill(path);
  return card;
}

/** Adds a Lambda function with an id, ARN, timeout and pinned; returns its card. */
async function addFunction(page: Page, placeholderId: string, id: string) {
  await page.getByRole('button', { name: 'Add Lambda function' }).click();
  await page.getByRole('article', { name: placeholderId }).getByLabel('Id', { exact: true }).fill(id);
  const card = page.getByRole('article', { name: id });
  await card.getByLabel('Function ARN (with alias or version)').fill(arn(id));
  await card.getByLabel('Timeout').fill('5');
  await card.getByLabel('Pinned (long-lived)').check();
  return card;
}

async function attach(card: Locator, resource: string, permission: string) {
  await card.getByLabel('Resource to attach').selectOption(resource);
  await card.getByLabel('Permission to grant').selectOption({ label: permission });
  await card.getByRole('button', { name: 'Attach', exact: true }).click();
}

async function exported(page: Page) {
  await page.getByRole('tab', { name: /^Export/ }).click();
  await page.getByRole('tab', { name: 'Merged document' }).click();
  const text = await page.getByRole('tabpanel', { name: 'Merged document' }).locator('pre').textContent();
  return JSON.parse(text ?? '');
}

test('containerized: No OS group and Read-only access export the page case', async ({ page }) => {
  await newGroup(page);

  const resource = await addModel(
    page, 'squeezenet-model', 'squeezenet', 's3://my-models-bucket/squeezenet.tar.gz', '/ml/squeezenet',
  );
  await expect(resource.getByLabel('No OS group')).toBeChecked();

  const fn = await addFunction(page, 'function-1', 'image-classifier');
  await fn.getByLabel('Memory limit').fill('0.5');
  await attach(fn, 'squeezenet-model', 'Read-only access');

  await expect(page.getByText('No problems found')).toBeVisible();
  expect(await exported(page)).toEqual(fixture('containerized'));

  // The download holds the same document.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download group.json' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('group.json');
  const saved = readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(saved)).toEqual(fixture('containerized'));

  // Copying works, or says how to copy when the browser refuses the clipboard.
  await page.getByRole('button', { name: 'Copy merged document' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Copied|press Ctrl\+C/ })).toBeVisible();
});

test('non-containerized: an OS group owner and Inherit resource owner permissions', async ({ page }) => {
  await newGroup(page);

  const resource = await addModel(
    page, 'mobilenet-model', 'mobilenet', 's3://my-models-bucket/mobilenet.tar.gz', '/ml/mobilenet',
  );
  await resource.getByLabel('Specify OS group and permission').check();
  await resource.getByLabel('OS group ID (GID)').fill('1500');
  await resource.getByLabel('OS group permission').selectOption({ label: 'Read and write access' });

  const detector = await addFunction(page, 'function-1', 'object-detector');
  await detector.getByLabel('Containerization').selectOption({ label: 'No container' });
  // Without a container a memory limit is an error, shown on the field until it is emptied.
  const memory = detector.getByLabel('Memory limit');
  await expect(memory).toHaveAttribute('aria-invalid', 'true');
  await memory.fill('');
  await expect(memory).not.toHaveAttribute('aria-invalid', 'true');
  await attach(detector, 'mobilenet-model', 'Inherit resource owner permissions');

  const tracker = await addFunction(page, 'function-1', 'object-tracker');
  await tracker.getByLabel('Memory limit').fill('0.5');
  await attach(tracker, 'mobilenet-model', 'Read-only access');

  await expect(page.getByText('No problems found')).toBeVisible();
  expect(await exported(page)).toEqual(fixture('non-containerized'));
});

test('a conflict is shown on its field and cleared by its fix button', async ({ page }) => {
  await newGroup(page);

  const resource = await addModel(
    page, 'shared-model', 'shared', 's3://my-models-bucket/shared.zip', '/ml/shared',
  );
  await resource.getByLabel('Specify OS group and permission').check();
  await resource.getByLabel('OS group ID (GID)').fill('1600');
  await resource.getByLabel('OS group permission').selectOption({ label: 'Read-only access' });

  const fn = await addFunction(page, 'function-1', 'writer');
  // The option stays offered, with why it would be reported.
  const grant = fn.getByLabel('Permission to grant');
  await expect(grant.locator('option', { hasText: 'Read and write access' }))
    .toHaveText('Read and write access (the resource owner allows read-only)');
  await grant.selectOption('rw');
  await fn.getByRole('button', { name: 'Attach', exact: true }).click();

  const permission = fn.getByRole('combobox', { name: 'Permission', exact: true });
  await expect(permission).toHaveAttribute('aria-invalid', 'true');
  await expect(permission).toHaveAccessibleDescription(/ml\/permission-exceeds-owner/);
  const panel = page.getByRole('tabpanel', { name: /^Diagnostics/ });
  await expect(panel.getByRole('link', { name: 'ml/permission-exceeds-owner' })).toBeVisible();

  await fn.getByRole('button', { name: 'Lower the attachment to read-only' }).click();
  await expect(permission).not.toHaveAttribute('aria-invalid', 'true');
  await expect(permission).toHaveValue('ro');
  await expect(panel.getByRole('link', { name: 'ml/permission-exceeds-owner' })).toHaveCount(0);
});

test('a malformed import says line and column and keeps the work', async ({ page }) => {
  await newGroup(page);
  await addFunction(page, 'function-1', 'kept-function');

  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Definition to import').fill('{\n  "Functions": [\n    {"Id": "x",,}\n  ]\n}\n');
  await page.getByRole('button', { name: 'Import pasted text' }).click();
  await expect(page.getByRole('alert')).toContainText(/line 3, column \d+/);
  await expect(page.getByRole('article', { name: 'kept-function' })).toBeVisible();

  // An uploaded file is read the same way.
  await page.getByLabel('Upload a file…').setInputFiles({
    name: 'broken.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('Functions:\n  - Id: [unclosed\n'),
  });
  await expect(page.getByRole('alert')).toContainText('broken.yaml');
  await expect(page.getByRole('alert')).toContainText(/line \d+, column \d+/);
  await expect(page.getByRole('article', { name: 'kept-function' })).toBeVisible();
});
