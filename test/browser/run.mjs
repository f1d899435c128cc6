// Browser test of the sitrep web interface. It builds sitrep, ingests a few
// reports written for this test (they describe no real event) into a
// temporary data directory, starts 'sitrep serve' and drives Debian's
// chromium through it with playwright-core: log in, filter the map, brush
// the timeline, open a dossier, edit an event and see its history, split a
// report off its incident and merge it back, follow a relation in the
// actor network, search, upload, log out; then checks that a viewer cannot
// write, and measures the map with 100,000 incidents.
// Screenshots of each view go to $SHOTS (`make screenshots` sets it to
// docs/screenshots/; otherwise a temporary folder, so a test run leaves the
// work tree as it was), figures to $TMP/results.json and stdout. Exit
// status 0 means every step passed.
//
//   node run.mjs            # everything
//   PERF=0 node run.mjs     # without the 100,000-incident measurement
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'sitrep-browser-'));
const shots = process.env.SHOTS ? resolve(process.env.SHOTS) : join(tmp, 'screenshots');
mkdirSync(shots, { recursive: true });
const data = join(tmp, 'data');
const bin = join(tmp, 'sitrep');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const results = {};

function step(name) { console.log('•', name); }
// until polls cond from Node: page.waitForFunction would evaluate a string
// in the page, which the app's Content-Security-Policy rightly forbids.
async function until(cond, what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error('FAILED: timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 100));
  }
}
function check(cond, msg) { if (!cond) throw new Error('FAILED: ' + msg); }

execFileSync('go', ['build', '-o', bin, './cmd/sitrep'], { cwd: root, stdio: 'inherit' });
// Invented reports, written for this test.
const reports = [
  { id: 'a1', published: '2024-05-07', source: 'Wire One', title: 'Market blast', text: 'A bomb exploded at a vegetable market in Peshawar on Monday, killing nine people and wounding 20 others, police said. The Tehrik-i-Taliban Pakistan claimed responsibility for the attack.' },
  { id: 'a2', published: '2024-05-08', source: 'Daily Two', title: 'Toll rises', text: "The death toll from Monday's bomb blast at a vegetable market in Peshawar rose to 11, hospital officials said on Tuesday." },
  { id: 'a3', published: '2024-06-01', source: 'Wire One', title: 'Students missing', text: 'Families said three students were abducted by armed men in Turbat on Friday.' },
  { id: 'a4', published: '2024-07-15', source: 'Hill Wire', title: 'Clash in Kohlu', text: 'Two soldiers and three fighters were killed in a clash in Kohlu on Sunday, officials said. The Balochistan Liberation Army attacked a Frontier Corps post. The Frontier Corps denied the allegation.' },
  { id: 'a5', published: '2024-09-03', source: 'Daily Two', title: 'Sit-in', text: 'Hundreds of people protested in Gwadar on Monday against the disappearance of two fishermen.' },
  { id: 'a6', published: '2024-08-21', source: 'Coast Daily', title: 'Teacher shot', text: 'Gunmen shot dead a school teacher in Turbat on Tuesday, police said. Officials blamed the Balochistan Liberation Army for the killing. The Pakistani government accused India of backing the Balochistan Liberation Army, a charge India rejected.' },
];
writeFileSync(join(tmp, 'reports.jsonl'), reports.map((r) => JSON.stringify(r)).join('\n') + '\n');
execFileSync(bin, ['--data', data, 'ingest', join(tmp, 'reports.jsonl')], { stdio: 'inherit' });
for (const [user, role] of [['ed', 'editor'], ['vera', 'viewer'], ['ada', 'admin']]) {
  execFileSync(bin, ['--data', data, 'user', 'add', user, '--role', role, '--password-stdin'], { input: `password of ${user}\n` });
}

const port = 18000 + Math.floor(Math.random() * 1000);
const server = spawn(bin, ['--data', data, 'serve', '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'inherit', 'pipe'] });
await new Promise((ok, fail) => {
  server.stderr.on('data', (d) => { process.stderr.write(d); if (String(d).includes('serving')) ok(); });
  server.on('exit', (c) => fail(new Error('serve exited ' + c)));
});
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
let failed = false;
const pageErrors = [];
let page;

async function login(user) {
  await page.goto(base + '/');
  await page.fill('#login-form [name=user]', user);
  await page.fill('#login-form [name=password]', 'password of ' + user);
  await page.click('#login-form button');
  await page.waitForSelector('#app:not(.hidden)');
}
const count = async () => (await page.textContent('#count')) || '';
// the map's own count of what it draws, set when it is idle
const mapPoints = async () => Number(await page.getAttribute('body', 'data-map-points'));
async function filter(fields) {
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'type') await page.selectOption(`#filters [name=${k}]`, v);
    else await page.fill(`#filters [name=${k}]`, v);
  }
  const before = await page.getAttribute('body', 'data-map-loads');
  await page.click('#filters button[type=submit]');
  await until(async () => (await page.getAttribute('body', 'data-map-state')) === 'idle' && (await page.getAttribute('body', 'data-map-loads')) !== before, 'the map to redraw');
}

// panAndZoom drags the map four times and turns the wheel, recording
// requestAnimationFrame intervals in the page meanwhile; it returns their
// count and percentiles in milliseconds.
async function panAndZoom() {
  await page.evaluate(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const mb = await page.locator('#map').boundingBox();
  const cx = mb.x + mb.width / 2, cy = mb.y + mb.height / 2;
  for (let k = 0; k < 4; k++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + (k % 2 ? -250 : 250), cy + 80, { steps: 30 });
    await page.mouse.up();
    await page.mouse.wheel(0, k < 2 ? -300 : 300);
    await page.waitForTimeout(300);
  }
  const frames = await page.evaluate(() => { window.__stop = true; return window.__frames.slice(1); });
  frames.sort((a, b) => a - b);
  const q = (p) => +frames[Math.min(frames.length - 1, Math.floor(p / 100 * frames.length))].toFixed(1);
  return { frames: frames.length, frame_ms_p50: q(50), frame_ms_p95: q(95), frame_ms_max: q(100) };
}
const prefix = (p, o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [p + k, v]));

try {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // 401s are expected: the page asks who is logged in before login and
  // after logout; 403 is expected from the viewer's refused write.
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) pageErrors.push(m.text()); });

  step('log in as an editor');
  await page.goto(base + '/');
  await page.waitForSelector('#login:not(.hidden)');
  await page.screenshot({ path: join(shots, 'login.png') });
  await login('ed');
  check((await page.textContent('#whoami')).includes('ed (editor)'), 'whoami shows the editor');
  const all = await page.evaluate(async () => (await (await fetch('/api/map')).json()).points.length);
  check(all >= 4, `at least 4 incidents with coordinates, got ${all}`);

  step('map shows every incident');
  await until(async () => (await page.getAttribute('body', 'data-map-state')) === 'idle' && (await mapPoints()) === all, `${all} points on the map`);
  await until(async () => (await page.locator('#timeline rect').count()) > 0, 'the timeline bars');
  results.small_map_ms = Number(await page.getAttribute('body', 'data-map-ms'));
  await page.screenshot({ path: join(shots, 'map.png') });

  step('filter the map by type, actor, place and text');
  await filter({ type: 'bombing' });
  check(/^1 of 1 incidents/.test(await count()) && (await mapPoints()) === 1, 'one bombing: ' + (await count()));
  await filter({ type: '', actor: 'Balochistan Liberation Army' });
  check((await mapPoints()) >= 1 && (await mapPoints()) < all, 'actor filter: ' + (await count()));
  await filter({ actor: '', place: 'Turbat' });
  check((await mapPoints()) >= 1 && (await mapPoints()) < all, 'place filter: ' + (await count()));
  await filter({ place: '', text: 'fishermen' });
  check((await mapPoints()) === 1, 'text filter: ' + (await count()));
  await filter({ text: '' });
  check((await mapPoints()) === all, 'filters cleared: ' + (await count()));

  step('export the matching events as CSV');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = readFileSync(await dl.path(), 'utf8').trim().split('\n');
  check(csv.length >= all + 1, `CSV with a header and every event, got ${csv.length} lines`);

  step('brush the timeline');
  const box = await page.locator('#timeline').boundingBox();
  const before = await page.getAttribute('body', 'data-map-loads');
  await page.mouse.move(box.x + 20, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.35, box.y + 60, { steps: 5 });
  await page.mouse.up();
  await until(async () => (await page.inputValue('#filters [name=since]')) !== '', 'the brushed dates');
  await until(async () => (await page.getAttribute('body', 'data-map-loads')) !== before && (await page.getAttribute('body', 'data-map-state')) === 'idle', 'the map after brushing');
  const since = await page.inputValue('#filters [name=since]');
  const untilDate = await page.inputValue('#filters [name=until]');
  console.log(`  brushed ${since} to ${untilDate}: ${await count()}`);
  check((await mapPoints()) < all && (await mapPoints()) >= 1, 'brushing narrows the map');
  await page.screenshot({ path: join(shots, 'timeline-brushed.png') });

  step('open a dossier');
  const incID = await page.evaluate(async () => (await (await fetch('/api/incidents?type=bombing')).json()).incidents[0].id);
  // a click on a map point sets this link; the test follows it directly
  await page.evaluate((id) => { location.hash = 'incident=' + encodeURIComponent(id); }, incID);
  await until(async () => (await page.locator('#dossier .report').count()) === 2, 'both reports in the dossier');
  check((await page.locator('#dossier mark.evidence').count()) >= 2, 'evidence highlighted');
  check((await page.locator('#dossier .meta', { hasText: 'original sha256:' }).count()) === 2, 'original hashes shown');
  check((await page.textContent('#dossier')).includes('reports give 9–11'), 'the range of figures');
  await page.screenshot({ path: join(shots, 'dossier.png') });

  step('edit an event and see its history');
  const first = page.locator('#dossier .report').first();
  await first.locator('select[name=field]').selectOption('killed');
  await first.locator('input[name=value]').fill('10');
  await first.locator('input[name=note]').fill('hospital list');
  await first.locator('button:has-text("Save edit")').click();
  await until(async () => (await page.locator('#dossier .history li', { hasText: 'ed: edit killed = 10 (hospital list)' }).count()) > 0, 'the edit in the history');
  check((await page.textContent('#dossier')).includes('reports give 10–11'), "the incident's figures follow the edit");
  await page.locator('#dossier .report').first().locator('button:has-text("Confirm")').click();
  await until(async () => (await page.locator('#dossier .history li', { hasText: 'ed: confirm' }).count()) > 0, 'the confirmation in the history');
  await page.screenshot({ path: join(shots, 'review.png') });

  step('split a report off the incident and merge it back');
  await page.locator('#dossier .report').nth(1).locator('button:has-text("Split this report off")').click();
  const apartLink = page.locator('#dossier a', { hasText: 'incident inc-' });
  await until(async () => (await page.locator('#dossier .report').count()) === 1 && (await apartLink.count()) === 1, 'one report left and a link to the other');
  const apartID = (await apartLink.textContent()).replace('incident ', '').trim();
  check(apartID !== incID, 'the split-off report has an incident of its own');
  await page.fill('#dossier input[name=merge]', apartID);
  await page.click('#dossier button:has-text("Merge")');
  await until(async () => (await page.locator('#dossier .report').count()) === 2, 'both reports in the dossier again after the merge');

  step('actor network: follow a relation to its evidence');
  await page.click('#tabs [data-tab=network]');
  await until(async () => (await page.locator('#edge-list button').count()) > 0, 'relations listed');
  await page.waitForTimeout(500);
  await page.locator('#edge-list button', { hasText: 'alleged by' }).first().click();
  await until(async () => (await page.locator('#edge-evidence li', { hasText: 'alleged by' }).count()) > 0, 'the claim behind the relation');
  await page.screenshot({ path: join(shots, 'network.png') });

  step('search');
  await page.click('#tabs [data-tab=search]');
  await page.fill('#search-form [name=q]', 'students');
  await page.click('#search-form button');
  await page.waitForSelector('#hits mark');
  await page.screenshot({ path: join(shots, 'search.png') });

  step('upload a file and watch it ingest');
  await page.click('#tabs [data-tab=upload]');
  await page.setInputFiles('#upload-form input[type=file]', { name: 'brief.txt', mimeType: 'text/plain',
    buffer: Buffer.from('Police said a grenade was thrown at a shop in Panjgur on Sunday, wounding two men.\n') });
  await page.click('#upload-form button');
  await until(async () => (await page.textContent('#upload-status')).startsWith('Done: 1 new'), 'the upload summary');
  await page.screenshot({ path: join(shots, 'upload.png') });

  step('log out');
  await page.click('#logout');
  await page.waitForSelector('#login:not(.hidden)');
  check(await page.evaluate(async () => (await fetch('/api/me')).status) === 401, 'after logout /api/me is 401');

  step('a viewer sees no review controls and cannot write');
  await login('vera');
  check(await page.locator('#tabs [data-tab=upload]').isHidden(), 'the upload tab is hidden from a viewer');
  await page.evaluate((id) => { location.hash = 'incident=' + encodeURIComponent(id); }, incID);
  await until(async () => (await page.locator('#dossier .report').count()) === 2, 'the dossier for the viewer');
  check((await page.locator('#dossier .review').count()) === 0, 'no review controls for a viewer');
  const refused = await page.evaluate(async () => {
    const me = await (await fetch('/api/me')).json();
    const ev = (await (await fetch('/api/events?limit=1')).json()).events[0].key;
    const r = await fetch('/api/events/' + encodeURIComponent(ev) + '/edits', { method: 'POST', headers: { 'X-CSRF-Token': me.csrf, 'Content-Type': 'application/json' }, body: '{"status":"reject"}' });
    return r.status;
  });
  check(refused === 403, `a viewer's edit is refused with 403, got ${refused}`);
  await page.click('#logout');

  step('admin reads the audit log');
  await login('ada');
  await page.click('#tabs [data-tab=audit]');
  await until(async () => (await page.locator('#audit td', { hasText: 'edit' }).count()) > 0, 'the edit in the audit log');
  check((await page.locator('#audit td', { hasText: 'events.csv' }).count()) > 0, 'the export in the audit log');
  check((await page.locator('#audit td', { hasText: 'merge' }).count()) > 0 && (await page.locator('#audit td', { hasText: 'split' }).count()) > 0, 'the merge and the split in the audit log');
  await page.screenshot({ path: join(shots, 'audit.png') });
  await page.click('#logout');
  check(pageErrors.length === 0, 'no errors in the page: ' + pageErrors.join(' | '));

  if (process.env.PERF !== '0') {
    step('map with 100,000 incidents');
    // The points are generated here and served in place of /api/map, so
    // that this measures the browser: decoding, clustering in maplibre's
    // worker, drawing and panning. The server side of the same request is
    // measured by the Go benchmark BenchmarkAPILists.
    const n = 100000;
    const types = ['bombing', 'armed_attack', 'assassination', 'clash', 'abduction', 'mass_grave', 'arrest', 'torture', 'protest', 'visit'];
    const points = [];
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (let i = 0; i < n; i++) points.push([60 + rnd() * 15, 24 + rnd() * 12, Math.floor(rnd() * 20), i % 10, 'inc-' + i]);
    const body = JSON.stringify({ types, points, total: n });
    // The same gestures over the seeded map first: the frame time of this
    // browser with next to nothing to draw, to compare with.
    await login('ed');
    await until(async () => (await page.getAttribute('body', 'data-map-state')) === 'idle', 'the seeded map');
    Object.assign(results, prefix('map_seeded_', await panAndZoom()));
    await page.click('#logout');
    results.map_payload_mb = +(body.length / 1e6).toFixed(1);
    await page.route('**/api/map?*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await login('ed');
    await until(async () => (await page.getAttribute('body', 'data-map-state')) === 'idle' && (await mapPoints()) === n, `${n} points on the map`, 60000);
    results.map_100k_load_ms = Number(await page.getAttribute('body', 'data-map-ms'));
    await page.screenshot({ path: join(shots, 'map-100k.png') });
    Object.assign(results, prefix('map_100k_', await panAndZoom()));
    await page.screenshot({ path: join(shots, 'map-100k-zoomed.png') });
    check(pageErrors.length === 0, 'no errors in the page: ' + pageErrors.join(' | '));
  }
  console.log('results', JSON.stringify(results));
  writeFileSync(join(tmp, 'results.json'), JSON.stringify(results, null, 2));
  console.log('browser test passed');
} catch (e) {
  console.error(e.message);
  if (pageErrors.length) console.error('page errors:', pageErrors.join(' | '));
  if (page) {
    await page.screenshot({ path: join(tmp, 'failure.png') }).catch(() => {});
    console.error('count:', await count().catch(() => '?'), '; screenshot in', join(tmp, 'failure.png'));
  }
  failed = true;
} finally {
  await browser.close();
  server.kill('SIGTERM');
  if (!failed) rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
