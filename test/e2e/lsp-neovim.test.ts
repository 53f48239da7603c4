// `slipway lsp` in a real editor: Debian's Neovim (0.7, so vim.lsp.start_client + buf_attach_client;
// vim.lsp.start came in 0.8) runs headless, attaches the server to a Dockerfile, receives its
// diagnostics, runs the cmd-exec-form quick fix through vim.lsp.buf.code_action (the editor's own
// request and workspace-edit code; only the menu choice is scripted), and writes the buffer out.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundle } from '../unit/lsp/harness.js';
import { e2eSkip, tempDir } from './env.js';

const LUA = String.raw`
local out, node, program = os.getenv('SLIPWAY_NVIM_OUT'), os.getenv('SLIPWAY_NODE'), os.getenv('SLIPWAY_PROGRAM')
local result = { steps = {} }
local function codes(buf)
  local c = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(c, tostring(d.code)) end
  table.sort(c)
  return c
end
local ok, err = pcall(function()
  vim.cmd('edit Dockerfile')
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'slipway', cmd = { node, program, 'lsp', '--stdio' }, root_dir = vim.fn.getcwd(),
    init_options = { debounceMs = 20 },
  })
  assert(id, 'the client did not start')
  assert(vim.lsp.buf_attach_client(buf, id), 'the client did not attach')
  assert(vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'no diagnostics')
  result.before = codes(buf)
  -- The quick fix on CMD, chosen from the editor's code action menu.
  local line = vim.fn.search('^CMD')
  vim.api.nvim_win_set_cursor(0, { line, 0 })
  local offered = {}
  vim.ui.select = function(items, _, on_choice)
    for _, item in ipairs(items) do table.insert(offered, item[2].title) end
    for _, item in ipairs(items) do
      if item[2].title:match('^Fix: .*%(cmd%-exec%-form%)$') then return on_choice(item) end
    end
    on_choice(nil)
  end
  vim.lsp.buf.code_action()
  assert(vim.wait(30000, function() return #offered > 0 end, 50), 'no code actions offered')
  result.offered = offered
  assert(vim.wait(30000, function()
    local c = codes(buf)
    return #c > 0 and not vim.tbl_contains(c, 'cmd-exec-form')
  end, 50), 'the diagnostic did not go away')
  result.after = codes(buf)
  result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
end)
result.ok = ok
result.error = err and tostring(err) or nil
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qall!')
`;

describe('slipway lsp in Neovim', { skip: e2eSkip() }, () => {
  let program: string;
  before(async () => {
    program = await bundle();
  });
  after(() => rmSync(dirname(program), { recursive: true, force: true }));

  test('headless Neovim attaches, gets the diagnostics, applies the quick fix; the buffer holds the fixed text', async (t) => {
    const dir = await tempDir(t);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12\nRUN apt-get update\nMAINTAINER me\nCMD node app.js\n');
    writeFileSync(join(dir, 'test.lua'), LUA);
    const out = join(dir, 'result.json');
    const nvim = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', 'luafile test.lua'], {
      cwd: dir,
      env: { ...process.env, SLIPWAY_NVIM_OUT: out, SLIPWAY_NODE: process.execPath, SLIPWAY_PROGRAM: program },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    nvim.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve, reject) => {
      nvim.on('error', reject); // no nvim: scripts/test-env.sh installs Debian's neovim
      const timer = setTimeout(() => nvim.kill(), 90_000);
      nvim.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0, stderr);
    const r = JSON.parse(readFileSync(out, 'utf8')) as { ok: boolean; error?: string; before: string[]; after: string[]; offered: string[]; text: string };
    assert.ok(r.ok, r.error);
    assert.ok(r.before.includes('cmd-exec-form') && r.before.includes('maintainer-deprecated'), JSON.stringify(r.before));
    assert.ok(r.offered.some((o) => o.startsWith('Suppress cmd-exec-form')), JSON.stringify(r.offered));
    assert.equal(r.text, 'FROM debian:12\nRUN apt-get update\nMAINTAINER me\nCMD ["node", "app.js"]');
    assert.deepEqual(r.after, r.before.filter((c) => c !== 'cmd-exec-form'));
  });
});
