-- What both Neovim checks do once their buffers are open: wait for pushed diagnostics, record what each buffer got,
-- and end the run (one JSON line on stdout, clients stopped, exit status from the outcome). Loaded with dofile from
-- check.lua and check-0.11.lua.
local M = {}

--- Waits until every label in `expecting` has diagnostics, then fills result.buffers[label] with its clients and codes.
function M.collect(buffers, expecting, timeout, result)
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
    local entry = result.buffers[label] or {}
    entry.filetype = entry.filetype or vim.bo[bufnr].filetype
    entry.clients = clients
    entry.codes = codes
    result.buffers[label] = entry
  end
end

--- Prints the result, stops every client (gently, then for good) and quits with the outcome.
function M.finish(ok, err, result)
  result.ok = ok
  if not ok then result.error = tostring(err) end
  io.stdout:write(vim.fn.json_encode(result) .. '\n')
  io.stdout:flush()
  for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
  vim.wait(3000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop(true) end
  vim.cmd(ok and 'qall!' or 'cquit!')
end

return M
