// Measures the web interface over a corpus already ingested (news10k, say):
// the time from navigation to a usable view (map, table, network, dossier,
// actor page, search), each from a fresh document, RUNS times, and the
// frame times while panning and zooming the map with every incident on it.
// It adds (or replaces) an account "measure" in the data directory: run it
// on a copy you may change.
//
//   go build -o bin/sitrep ./cmd/sitrep
//   DATA=/tmp/web10k node test/browser/measure.mjs
//
// Nothing of the corpus is written anywhere: the figures go to stdout.
// Beside each time it gives the processor time spent meanwhile by the
// browser's processes and by the server (from /proc), which a machine
// shared with other work inflates far less than the elapsed time.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { resolve, join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { readdirSync, readFileSync, statSync } from 'node:fs';

const root = resolve(import.meta.dirname, '../..');
const bin = process.env.SITREP || join(root, 'bin/sitrep');
const data = process.env.DATA;
const runs = Number(process.env.RUNS || 3);
if (!data) { console.error('set DATA to a data directory'); process.exit(2); }
execFileSync(bin, ['--data', data, 'user', 'add', 'measure', '--role', 'editor', '--replace', '--password-stdin'], { input: 'password of measure\n', stdio: ['pipe', 'ignore', 'inherit'] });
const port = 19600 + Math.floor(Math.random() * 300);
const t0 = Date.now();
const server = spawn(bin, ['--data', data, 'serve', '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
await new Promise((ok, fail) => {
  server.stderr.on('data', (d) => { if (String(d).includes('serving')) ok(); });
  server.on('exit', (c) => fail(new Error('serve exited ' + c)));
});
const out = { serve_open_ms: Date.now() - t0, load_before: loadavg().map((x) => +x.toFixed(1)) };
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
// The browser's processes are those started with its profile folder.
const profile = readdirSync(tmpdir()).filter((d) => d.startsWith('playwright_chromiumdev_profile-'))
  .sort((a, b) => statSync(join(tmpdir(), b)).mtimeMs - statSync(join(tmpdir(), a)).mtimeMs)[0];
// cpuMs is the processor time (user and system, ms) of the browser and of
// the server so far.
function cpuMs() {
  const ticks = (pid) => {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
  };
  let browserMs = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try { if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) browserMs += ticks(pid); } catch { /* gone */ }
  }
  return { browser: browserMs, server: ticks(server.pid) };
}
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(base + '/');
await page.fill('#login-form [name=user]', 'measure');
await page.fill('#login-form [name=password]', 'password of measure');
await page.click('#login-form button');
await page.waitForSelector('#app:not(.hidden)');
const api = (path) => page.evaluate(async (u) => (await fetch(u)).json(), path);

// What to open: the incident with the most reports, the actor named in
// the most incidents, a word found in many documents.
const incs = (await api('/api/incidents?sort=-reports&limit=1')).incidents;
const net = await api('/api/network?nodes=2');
const actor = net.nodes.sort((a, b) => b.incidents - a.incidents)[0]?.id;
out.incidents = (await api('/api/incidents?limit=1')).total;
const mapAnswer = await api('/api/map');
out.map_points = mapAnswer.points?.length ?? 0; // incidents drawn one by one
out.map_places = mapAnswer.places?.length ?? 0; // or the places they are grouped by
const views = [['map', '#/map'], ['table', '#/map'], ['network', '#/network'], ['dossier', `#/map?incident=${incs[0].id}`], ['actor', `#/actor/${encodeURIComponent(actor)}`], ['search', '#/search?q=police']];
for (const [name, hash] of views) {
  const key = 'ready' + name[0].toUpperCase() + name.slice(1);
  const times = [], cpus = [];
  for (let i = 0; i < runs; i++) {
    // A page of the same origin between runs, so that the next one loads
    // a fresh document in the same renderer process (whose processor
    // time is then counted whole).
    await page.goto(base + '/api/openapi.json');
    const c0 = cpuMs();
    await page.goto(base + '/' + hash);
    const end = Date.now() + 60000;
    let v;
    while (!(v = await page.evaluate((k) => document.body.dataset[k], key)) && Date.now() < end) await page.waitForTimeout(50);
    times.push(Number(v));
    const c1 = cpuMs();
    cpus.push(`${c1.browser - c0.browser}+${c1.server - c0.server}`);
  }
  times.sort((a, b) => a - b);
  out[name + '_ready_ms'] = times;
  // processor time, browser+server, ms, in the order run (it includes
  // the polling until the view was ready)
  out[name + '_cpu_ms'] = cpus;
  if (name === 'map') {
    // where the map's time goes, in the last run
    out.map_marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
  }
}
// Pan and zoom with every incident on the map.
await page.goto('about:blank');
await page.goto(base + '/#/map');
for (let i = 0; i < 600 && (await page.getAttribute('body', 'data-basemap')) !== 'complete'; i++) await page.waitForTimeout(100);
await page.evaluate(() => {
  window.__frames = [];
  window.__stop = false;
  let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
const panCPU = cpuMs();
const mb = await page.locator('#map').boundingBox();
const cx = mb.x + mb.width / 2, cy = mb.y + mb.height / 2;
for (let k = 0; k < 6; k++) {
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + (k % 2 ? -250 : 250), cy + 80, { steps: 30 });
  await page.mouse.up();
  await page.mouse.wheel(0, k < 3 ? -300 : 300);
  await page.waitForTimeout(300);
}
const frames = await page.evaluate(() => { window.__stop = true; return window.__frames.slice(1); });
frames.sort((a, b) => a - b);
const q = (p) => +frames[Math.min(frames.length - 1, Math.floor(p / 100 * frames.length))].toFixed(1);
const panCPUEnd = cpuMs();
Object.assign(out, { pan_frames: frames.length, frame_ms_p50: q(50), frame_ms_p95: q(95), frame_ms_max: q(100),
  pan_browser_cpu_ms_per_frame: +((panCPUEnd.browser - panCPU.browser) / frames.length).toFixed(1) });
out.load_after = loadavg().map((x) => +x.toFixed(1));
out.errors = errors;
console.log(JSON.stringify(out, null, 1));
await browser.close();
server.kill('SIGTERM');
