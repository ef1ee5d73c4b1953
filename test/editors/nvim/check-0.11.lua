-- Runs the README's Neovim 0.11 block inside Neovim 0.7 (Debian's), which lacks the four functions it calls:
-- vim.lsp.config and vim.lsp.enable are recorded instead of run, vim.fs.basename/dirname/root get small stand-ins.
-- Then it does what 0.11's vim.lsp.enable does for each buffer whose filetype the config names: ask the config's
-- root_dir, and, when it answers, start the config's cmd once (0.7 API) and attach the buffer.
--   EDITOR_CHECK_RECIPE (the block, as a file), EDITOR_CHECK_FILES, EDITOR_CHECK_EXPECTING, EDITOR_CHECK_TIMEOUT_MS
-- Prints one JSON line like check.lua, plus the recorded config name and each buffer's root_dir answer.
local report = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/report.lua')
local files = vim.fn.json_decode(vim.env.EDITOR_CHECK_FILES)
local expecting = vim.fn.json_decode(vim.env.EDITOR_CHECK_EXPECTING)
local timeout = tonumber(vim.env.EDITOR_CHECK_TIMEOUT_MS or '') or 15000
vim.o.hidden = true
-- (0.7 applies vim.filetype.add's rules only under --cmd 'let g:do_filetype_lua = 1', which the test passes.)
local result = { buffers = {} }
local configs, enabled = {}, {}

local ok, err = pcall(function()
  local fs_stub = {
    basename = function(path) return vim.fn.fnamemodify(path, ':t') end,
    dirname = function(path) return vim.fn.fnamemodify(path, ':h') end,
    root = function(bufnr, marker)
      local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
      local found = vim.fn.finddir(marker, dir .. ';')
      if found == '' then found = vim.fn.findfile(marker, dir .. ';') end
      if found == '' then return nil end
      return vim.fn.fnamemodify(vim.fn.fnamemodify(found, ':p'):gsub('/$', ''), ':h')
    end,
  }
  assert(vim.fs == nil and vim.lsp.config == nil, 'this Neovim has the 0.11 functions: run the block directly')
  vim.fs = fs_stub
  vim.lsp.config = function(name, config) configs[name] = config end
  vim.lsp.enable = function(name) table.insert(enabled, name) end
  local chunk = assert(loadfile(vim.env.EDITOR_CHECK_RECIPE))
  chunk()
  result.enabled = enabled
  assert(#enabled == 1 and configs[enabled[1]], 'the block enables one configured server')
  local config = configs[enabled[1]]

  local client_id
  local buffers = {}
  for label, file in pairs(files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local bufnr = vim.api.nvim_get_current_buf()
    buffers[label] = bufnr
    local answer = vim.NIL
    if vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      config.root_dir(bufnr, function(root) answer = root end)
    end
    result.buffers[label] = { filetype = vim.bo[bufnr].filetype, root = answer }
    if answer ~= vim.NIL then
      client_id = client_id or vim.lsp.start_client({ name = enabled[1], cmd = config.cmd, root_dir = answer })
      vim.lsp.buf_attach_client(bufnr, client_id)
    end
  end
  report.collect(buffers, expecting, timeout, result)
end)
report.finish(ok, err, result)
