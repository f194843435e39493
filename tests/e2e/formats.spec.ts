// The export panel writes CloudFormation and AWS CLI commands from the same core functions as
// `ggaccess export --to cloudformation|cloudformation-yaml|cli`.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const builtIn = JSON.parse(readFileSync('crates/core/fixtures/built-in.json', 'utf8'));

async function exportTab(page: Page, name: string) {
  await page.getByRole('tab', { name: /^Export/ }).click();
  await page.getByRole('tab', { name }).click();
  return (await page.getByRole('tabpanel', { name }).locator('pre').textContent()) ?? '';
}

test('the built-in example exports as a CloudFormation template and AWS CLI commands', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('No problems found')).toBeVisible();

  const template = JSON.parse(await exportTab(page, 'CloudFormation (JSON)'));
  const entries = Object.values(template.Resources) as Array<{ Type: string; Properties: any }>;
  const functions = entries.find((e) => e.Type === 'AWS::Greengrass::FunctionDefinition');
  const resources = entries.find((e) => e.Type === 'AWS::Greengrass::ResourceDefinition');
  expect(functions?.Properties.InitialVersion.Functions).toEqual(builtIn.Functions);
  expect(resources?.Properties.InitialVersion.Resources).toEqual(builtIn.Resources);

  const yaml = await exportTab(page, 'CloudFormation (YAML)');
  expect(yaml).toContain('Type: AWS::Greengrass::FunctionDefinition');
  expect(yaml).toContain('Type: AWS::Greengrass::ResourceDefinition');
  // Only the chosen document is on screen.
  await expect(page.locator('#export-panel-0')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Copy cloudformation (yaml)' })).toBeVisible();

  const script = await exportTab(page, 'AWS CLI commands');
  expect(script).toContain('aws greengrass create-function-definition');
  expect(script).toContain('aws greengrass create-resource-definition');
});
