// Upload a file to ingest, with its progress streamed as it is read.
import { $, api } from './util.js';

export function show() {}
export function reset() { $('#upload-status').textContent = ''; $('#upload-progress').value = 0; }

$('#upload-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const status = $('#upload-status'), bar = $('#upload-progress');
  const form = new FormData(ev.target);
  if (!form.get('url') && !(form.get('file') && form.get('file').size)) { status.textContent = 'Choose a file or give an address.'; return; }
  if (form.get('url')) form.delete('file');
  status.textContent = form.get('url') ? 'Capturing…' : 'Uploading…';
  try {
    const res = await api('/api/ingest', { method: 'POST', body: form });
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (msg.progress) {
          const p = msg.progress;
          if (p.total) { bar.max = p.total; bar.value = p.done; }
          status.textContent = `${p.done}${p.total ? ' of ' + p.total : ''} read: ${p.new} new, ${p.duplicate} duplicates, ${p.failed} failed`;
        } else if (msg.summary) {
          const s = msg.summary;
          bar.max = 1; bar.value = 1;
          status.textContent = `Done: ${s.new} new (${s.copies} near copies), ${s.duplicate} duplicates, ${s.failed} failed, ${s.skipped} skipped; ${s.events} events, ${s.claims} claims.` +
            (s.failures || []).map((f) => `\n  failed: ${f.source}: ${f.reason}`).join('') +
            (s.skips || []).map((f) => `\n  skipped: ${f.source}: ${f.reason}`).join('');
        } else if (msg.error) status.textContent = 'Failed: ' + msg.error;
      }
    }
  } catch (e) { status.textContent = 'Failed: ' + e.message; }
});
