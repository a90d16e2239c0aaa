-- Accord's language server in Neovim: diagnostics, hover, completion, quick fixes and the outline
-- for briefs (*.brief.toml, *.brief.json) and rule files (*.rules). Put this file on the runtime
-- path (or copy it into init.lua) and make sure `accord` is on PATH.
local function start()
  local config = { name = "accord", cmd = { "accord", "lsp" }, root_dir = vim.fn.getcwd() }
  if vim.lsp.start then            -- Neovim 0.8 and later
    vim.lsp.start(config)
  else                             -- Neovim 0.7
    local client = vim.lsp.start_client(config)
    if client then vim.lsp.buf_attach_client(0, client) end
  end
end

vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
  pattern = { "*.brief.toml", "*.brief.json", "*.rules" },
  callback = start,
})
