-- Headless Neovim (0.7+) LSP client check against gunicorn-lint's bundled server (adapted from the shared
-- e2e harness). Neovim 0.7 has no pull diagnostics, so this also proves the publishDiagnostics fallback.
--   nvim --headless -u NONE -c 'luafile lsp_check.lua'
-- env:
--   LSP_CMD     JSON array, the server command (default: ["node", "<LSP_SERVER_JS>", "--stdio"])
--   LSP_SERVER_JS  path of server.js (used when LSP_CMD is unset)
--   LSP_FILE    file to open (required), e.g. /tmp/e2e/ws/gunicorn.conf.py
--   LSP_HOVER_LINE, LSP_HOVER_CHAR   0-based hover position (default 1, 2)
--   LSP_TIMEOUT_MS   per step timeout (default 10000)
--   LSP_EXPECT_DIAGS minimum number of diagnostics required for success (default 1)
--   LSP_EXPECT_CODE  a diagnostic code that must be among them (optional), e.g. gunicorn/unknown-setting
--   LSP_EXPECT_HOVER a Lua pattern the hover text must match (optional)
-- Prints one JSON object on stdout; exit status 0 on success, 1 on failure.
local env = vim.env
local timeout = tonumber(env.LSP_TIMEOUT_MS or '') or 10000
local result = { ok = false, steps = {} }

local function json(v)
  if vim.json and vim.json.encode then return vim.json.encode(v) end
  return vim.fn.json_encode(v)
end

local function finish(ok, err)
  result.ok = ok
  if err then result.error = err end
  io.stdout:write(json(result) .. '\n')
  io.stdout:flush()
  -- stop the server politely, then hard, so nothing is left behind
  for _, c in ipairs(vim.lsp.get_active_clients()) do c.stop() end
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  for _, c in ipairs(vim.lsp.get_active_clients()) do c.stop(true) end
  if ok then vim.cmd('qall!') else vim.cmd('cquit!') end
end

local ok_main, main_err = pcall(function()
  local file = env.LSP_FILE
  assert(file and file ~= '', 'LSP_FILE is not set')
  file = vim.fn.fnamemodify(file, ':p')
  assert(vim.fn.filereadable(file) == 1, 'cannot read ' .. file)

  local cmd
  if env.LSP_CMD and env.LSP_CMD ~= '' then
    cmd = vim.fn.json_decode(env.LSP_CMD)
  else
    assert(env.LSP_SERVER_JS, 'set LSP_CMD or LSP_SERVER_JS')
    cmd = { 'node', env.LSP_SERVER_JS, '--stdio' }
  end
  result.cmd = cmd

  local raw_diags = nil
  local exited = nil
  local client_id = vim.lsp.start_client({
    name = 'e2e-check',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ':h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        if params and params.uri == vim.uri_from_fname(file) then raw_diags = params.diagnostics end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
      end,
    },
    on_init = function(_, init_result) result.server_info = init_result and init_result.serverInfo end,
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  })
  assert(client_id, 'vim.lsp.start_client failed (is the command on PATH?)')

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')

  local client = vim.lsp.get_client_by_id(client_id)
  local inited = vim.wait(timeout, function() return exited ~= nil or (client and client.initialized) end, 20)
  if exited then error('server exited during start: ' .. json(exited)) end
  assert(inited, 'timeout waiting for initialize')
  table.insert(result.steps, 'initialized')

  local min = tonumber(env.LSP_EXPECT_DIAGS or '') or 1
  local got = vim.wait(timeout, function() return exited ~= nil or (raw_diags ~= nil and #raw_diags >= min) end, 20)
  if exited then error('server exited: ' .. json(exited)) end
  result.diagnostics = raw_diags or {}
  result.vim_diagnostic_count = #vim.diagnostic.get(bufnr)
  if not got then error(string.format('timeout (%d ms) waiting for >= %d diagnostics', timeout, min)) end
  if env.LSP_EXPECT_CODE and env.LSP_EXPECT_CODE ~= '' then
    local found = false
    for _, d in ipairs(raw_diags) do if d.code == env.LSP_EXPECT_CODE then found = true end end
    if not found then error('no diagnostic with code ' .. env.LSP_EXPECT_CODE) end
  end
  table.insert(result.steps, 'diagnostics')

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = {
      line = tonumber(env.LSP_HOVER_LINE or '') or 1,
      character = tonumber(env.LSP_HOVER_CHAR or '') or 2,
    },
  }
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
  if not responses then error('hover request failed: ' .. tostring(err)) end
  local resp = responses[client_id]
  if not resp then error('no hover response from client') end
  if resp.err then error('hover error: ' .. json(resp.err)) end
  result.hover = resp.result or vim.NIL
  if not resp.result then error('hover returned null') end
  if env.LSP_EXPECT_HOVER and env.LSP_EXPECT_HOVER ~= '' then
    local contents = resp.result.contents
    local text = type(contents) == 'table' and (contents.value or json(contents)) or tostring(contents)
    if not text:find(env.LSP_EXPECT_HOVER) then error('hover text does not match ' .. env.LSP_EXPECT_HOVER) end
  end
  table.insert(result.steps, 'hover')
end)

if ok_main then finish(true) else finish(false, tostring(main_err)) end
