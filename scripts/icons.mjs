// Renders assets/icons/icon.svg to the PNG icons of the web app manifest, in Debian's Chromium.
// Run by hand after changing the SVG (`node scripts/icons.mjs`); the PNGs are committed.
// The maskable icon fills its square (launchers cut their own shape), the others keep the
// rounded corners of the SVG.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const dir = new URL('../assets/icons/', import.meta.url);
const svg = readFileSync(new URL('icon.svg', dir), 'utf8');
const maskable = svg.replace('rx="96"', 'rx="0"');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const [name, size, source] of [
    ['icon-192.png', 192, svg],
    ['icon-512.png', 512, svg],
    ['icon-maskable-512.png', 512, maskable],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const body = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${body}`);
    await page.screenshot({ path: new URL(name, dir).pathname, omitBackground: true });
    await page.close();
    console.log(`wrote assets/icons/${name}`);
  }
} finally {
  await browser.close();
}
