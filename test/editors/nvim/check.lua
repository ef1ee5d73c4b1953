-- Loaded after the README's init.lua (nvim --headless -u init.lua -c 'luafile check.lua'): opens each file the way
-- a user would (:edit), waits for pushed diagnostics, and prints one JSON line with what each buffer got.
--   EDITOR_CHECK_FILES       JSON object { label = path }: the buffers to open
--   EDITOR_CHECK_EXPECTING   JSON list of labels that must receive diagnostics (the others are only reported)
--   EDITOR_CHECK_TIMEOUT_MS  how long to wait for them (default 15000)
-- Output goes through io.stdout (headless print() goes to stderr); exit with qall!/cquit! after stopping clients.
local files = vim.fn.json_decode(vim.env.EDITOR_CHECK_FILES)
local expecting = vim.fn.json_decode(vim.env.EDITOR_CHECK_EXPECTING)
local timeout = tonumber(vim.env.EDITOR_CHECK_TIMEOUT_MS or '') or 15000
vim.o.hidden = true -- 0.7's default unloads an abandoned buffer, which would detach it from its client
local result = { buffers = {} }

local ok, err = pcall(function()
  local buffers = {}
  for label, file in pairs(files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    buffers[label] = vim.api.nvim_get_current_buf()
  end
  vim.wait(timeout, function()
    for _, label in ipairs(expecting) do
      if #vim.diagnostic.get(buffers[label]) == 0 then return false end
    end
    return true
  end, 50)
  for label, bufnr in pairs(buffers) do
    local clients, codes = {}, {}
    for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
      table.insert(clients, { id = client.id, name = client.name, root = client.config.root_dir })
    end
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(codes, d.code or lsp.code or vim.NIL)
    end
    result.buffers[label] = { filetype = vim.bo[bufnr].filetype, clients = clients, codes = codes }
  end
end)
result.ok = ok
if not ok then result.error = tostring(err) end
io.stdout:write(vim.fn.json_encode(result) .. '\n')
io.stdout:flush()
for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(3000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop(true) end
vim.cmd(ok and 'qall!' or 'cquit!')
