import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadReceiver, urlHost } from '../../../src/scenario/upload-receiver.js';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

describe('scenario upload-receiver: the HTTP server a station uploads diagnostics and logs to', () => {
  let receiver: UploadReceiver | undefined;
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'uploads-'));
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  const start = async (maxBytes?: number): Promise<UploadReceiver> => {
    receiver = await UploadReceiver.start({ host: '127.0.0.1', saveDirectory: directory, saveName: 'diag', ...(maxBytes !== undefined ? { maxBytes } : {}) });
    return receiver;
  };

  it('holds at most maxBufferedBytes of unfinished uploads at once: an upload beyond it is answered 413, and the memory is given back after', async () => {
    receiver = await UploadReceiver.start({ host: '127.0.0.1', maxBufferedBytes: 10 });
    const { location, received } = receiver;
    // The first upload stays open, holding 8 bytes, while the second one starts.
    const { request } = await import('node:http');
    const url = new URL(`${location}first.log`);
    const open = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'PUT', headers: { 'content-length': '16' } });
    open.write('12345678');
    while (receiver.bufferedBytes < 8) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await fetch(`${location}second.log`, { method: 'PUT', body: 'abcdef' });
    expect(second.status).to.equal(413);
    const finished = new Promise<number>((resolve) => open.on('response', (response) => resolve(response.statusCode ?? 0)));
    open.end('12345678');
    expect(await finished).to.equal(413);
    const third = await fetch(`${location}third.log`, { method: 'PUT', body: 'abc' });
    expect(third.status).to.equal(201);
    expect(received.map((r) => [r.name, r.truncated === true])).to.deep.equal([['second.log', true], ['first.log', true], ['third.log', false]]);
  });

  it('with redirect, answers an upload to the location with a 307 to another address of its own, takes nothing there, and marks what arrives at that address (TC_N_101)', async () => {
    const redirected: string[] = [];
    receiver = await UploadReceiver.start({ host: '127.0.0.1', redirect: true, onRedirect: (answer) => redirected.push(answer.path) });
    const { location, received, redirects } = receiver;
    const first = await fetch(`${location}log-1.log`, { method: 'PUT', body: 'lines', redirect: 'manual' });
    expect(first.status).to.equal(307);
    expect(first.headers.get('location')).to.equal(`${location}moved/log-1.log`);
    expect(received).to.deep.equal([]);
    expect(redirects.map((r) => ({ method: r.method, path: r.path }))).to.deep.equal([{ method: 'PUT', path: 'log-1.log' }]);
    expect(redirected).to.deep.equal(['log-1.log']);
    const followed = await fetch(`${location}moved/log-1.log`, { method: 'PUT', body: 'lines' });
    expect(followed.status).to.equal(201);
    expect(received[0]).to.include({ name: 'log-1.log', viaRedirect: true, size: 5 });
  });

  it('gives a location on the host and a free port, under a prefix of its own', async () => {
    const { location } = await start();
    expect(location).to.match(/^http:\/\/127\.0\.0\.1:\d+\/ocpp-audit\/[0-9a-f]{12}\/$/);
  });

  it('takes a PUT below the location, named by the path, and keeps the file', async () => {
    const { location, received } = await start();
    const response = await fetch(`${location}diagnostics%20CP1.zip`, { method: 'PUT', body: 'zip bytes' });
    expect(response.status).to.equal(201);
    expect(received).to.have.length(1);
    expect(received[0]).to.include({ name: 'diagnostics CP1.zip', size: 9, sha256: sha256('zip bytes'), method: 'PUT', path: 'diagnostics%20CP1.zip' });
    expect(readFileSync(join(directory, received[0]?.savedAs ?? ''), 'utf8')).to.equal('zip bytes');
  });

  it('takes the file part of a multipart/form-data POST to the location, with its file name', async () => {
    const { location, received } = await start();
    const form = new FormData();
    form.append('comment', 'not the file');
    form.append('file', new Blob(['line 1\r\nline 2\r\n']), 'log-42.txt');
    expect((await fetch(location, { method: 'POST', body: form })).status).to.equal(201);
    expect(received[0]).to.include({ name: 'log-42.txt', size: 16, sha256: sha256('line 1\r\nline 2\r\n'), method: 'POST', path: '' });
  });

  it('reads the name of a raw body from Content-Disposition, and leaves it out when nothing gives one', async () => {
    const { location, received } = await start();
    await fetch(location, { method: 'POST', body: 'a', headers: { 'content-disposition': 'attachment; filename="sec.log"' } });
    await fetch(location, { method: 'PUT', body: 'b' });
    expect(received.map((u) => u.name)).to.deep.equal(['sec.log', undefined]);
  });

  it('records nothing outside its location, nor anything but PUT and POST', async () => {
    const { location, received } = await start();
    const origin = new URL(location).origin;
    expect((await fetch(`${origin}/elsewhere/file.zip`, { method: 'PUT', body: 'x' })).status).to.equal(404);
    expect((await fetch(`${location}file.zip`)).status).to.equal(405);
    expect(received).to.deep.equal([]);
  });

  it('refuses a file over its limit (413) and records how much was sent, cut', async () => {
    const { location, received } = await start(4);
    const response = await fetch(`${location}big.bin`, { method: 'PUT', body: '0123456789' });
    expect(response.status).to.equal(413);
    expect(received[0]).to.include({ name: 'big.bin', size: 10, truncated: true });
    expect(received[0]?.savedAs).to.equal(undefined);
  });

  it('writes hosts as URLs need them', () => {
    expect(urlHost('::ffff:127.0.0.1')).to.equal('127.0.0.1');
    expect(urlHost('::1')).to.equal('[::1]');
    expect(urlHost('10.0.0.5')).to.equal('10.0.0.5');
  });
});
