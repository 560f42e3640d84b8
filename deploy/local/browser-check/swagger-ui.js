// Drives the gateway's Swagger UI in a headless Chromium, as an administrator would:
// each service's definition renders with its operations; "Authorize" signs in with the password
// flow; "Try it out" on GET /api/v1/members/me answers 200 through the gateway; the gateway's
// Content-Security-Policy blocks nothing the page needs.
// Usage: GATEWAY=http://localhost:8080 ADMIN_PASSWORD=… CHROMIUM=/usr/bin/chromium npm run check
const puppeteer = require('puppeteer-core');

const gateway = process.env.GATEWAY || 'http://localhost:8080';
const services = ['request-service', 'volunteer-service', 'member-service'];

async function main() {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const refused = [];
    page.on('console', message => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) refused.push(message.text());
    });
    for (const service of services) {
      await page.goto(`${gateway}/swagger-ui.html?urls.primaryName=${service}`, { waitUntil: 'networkidle0' });
      await page.waitForSelector('.opblock-summary-path');
      const title = await page.$eval('.info .title', e => e.firstChild.textContent.trim());
      const operations = (await page.$$('.opblock-summary-path')).length;
      const failures = (await page.$$('.errors-wrapper')).length;
      console.log(`${service}: title "${title}", ${operations} operations, ${failures} errors shown`);
      if (title !== service || operations === 0 || failures > 0) throw new Error(`${service} did not render`);
    }

    const answers = [];
    page.on('response', r => {
      if (r.url().includes('/oauth2/token') || r.url().includes('/api/v1/')) answers.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
    });
    await page.click('.btn.authorize');
    await page.waitForSelector('#oauth_username');
    await page.type('#oauth_username', 'admin');
    await page.type('#oauth_password', process.env.ADMIN_PASSWORD || '');
    await page.click('.auth-container .auth-btn-wrapper .btn.modal-btn.auth.authorize');
    await page.waitForFunction(() => [...document.querySelectorAll('.auth-container')].some(c => c.innerText.includes('Logout')), { timeout: 10000 });
    await page.click('.btn-done');

    for (const block of await page.$$('.opblock-get')) {
      if ((await block.$eval('.opblock-summary-path', e => e.innerText.trim())) !== '/api/v1/members/me') continue;
      await (await block.$('.opblock-summary')).click();
      await (await block.waitForSelector('.try-out__btn')).click();
      await (await block.waitForSelector('.execute')).click();
      await block.waitForSelector('.live-responses-table');
      break;
    }
    console.log(answers.join('\n'));
    if (refused.length > 0) throw new Error(`the page broke its Content-Security-Policy: ${refused[0]}`);
    if (!answers.includes('POST /oauth2/token 200') || !answers.includes('GET /api/v1/members/me 200')) {
      throw new Error('Authorize or Try it out did not succeed');
    }
    console.log('Swagger UI check passed');
  } finally {
    await browser.close();
  }
}

main().catch(e => { console.error(`Swagger UI check FAILED: ${e.message}`); process.exit(1); });
