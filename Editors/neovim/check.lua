-- A headless Neovim session against `accord lsp` (.ci/editor-check runs it): opens the brief given
-- in ACCORD_BRIEF with the server named by ACCORD_BINARY, and prints what the editor shows.
local binary = os.getenv("ACCORD_BINARY")
local client = vim.lsp.start_client({ name = "accord", cmd = { binary, "lsp" }, root_dir = vim.fn.getcwd() })
vim.cmd("edit " .. os.getenv("ACCORD_BRIEF"))
vim.lsp.buf_attach_client(0, client)
vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end)
for _, d in ipairs(vim.diagnostic.get(0)) do
  print(string.format("diagnostic %d:%d %s %s", d.lnum + 1, d.col + 1, d.code or "", (d.message:gsub("\n.*", ""))))
end
local uri = vim.uri_from_bufnr(0)
local line = vim.fn.search("^budget")
local hover = vim.lsp.buf_request_sync(0, "textDocument/hover", { textDocument = { uri = uri }, position = { line = line - 1, character = 2 } }, 5000)
for _, r in pairs(hover or {}) do print("hover " .. ((r.result and r.result.contents.value or "none"):gsub("\n", " "))) end
local symbols = vim.lsp.buf_request_sync(0, "textDocument/documentSymbol", { textDocument = { uri = uri } }, 5000)
for _, r in pairs(symbols or {}) do for _, s in ipairs(r.result or {}) do print("symbol " .. s.name) end end
vim.lsp.stop_client(client)
vim.wait(500)
vim.cmd("qa!")
