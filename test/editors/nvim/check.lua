-- Loaded after the README's init.lua (nvim --headless -u init.lua -c 'luafile check.lua'): opens each file the way
-- a user would (:edit), waits for pushed diagnostics, and prints one JSON line with what each buffer got.
--   EDITOR_CHECK_FILES       JSON object { label = path }: the buffers to open
--   EDITOR_CHECK_EXPECTING   JSON list of labels that must receive diagnostics (the others are only reported)
--   EDITOR_CHECK_TIMEOUT_MS  how long to wait for them (default 15000)
-- Output goes through io.stdout (headless print() goes to stderr); exit with qall!/cquit! after stopping clients.
local report = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/report.lua')
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
  report.collect(buffers, expecting, timeout, result)
end)
report.finish(ok, err, result)
