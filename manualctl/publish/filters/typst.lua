-- manualctl's pinned pandoc filter for the PDF edition (Markdown -> Typst).
--
-- 1. Refuses raw Typst written in a chapter (```{=typst} or `...`{=typst}): a manual
--    must not run code in the PDF build.
-- 2. Turns the manual's own structure into calls to templates/manual.typ:
--    headings with class section, subsection or chapter (attributes number, flag, status,
--    note) become bookmarked headings (a new page before sections and chapters);
--    divs with class amendment, scope or related become the chapter boxes.
-- 3. Writes every image with its alt text, renamed to /media/<sha1 of the path><ext>
--    inside the compile folder; the list of image paths goes to the file named by the
--    metadata field manualctl-images (manualctl checks and copies them in).

local BOXES = { amendment = "amendment-box", scope = "scope-box", related = "related-box" }
local PARTS = { section = true, subsection = true, chapter = true }
local images = {}
local seen = {}
local last_was_part = false

local function tstr(s)
  s = s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", " ")
  return '"' .. s .. '"'
end

local function inlines_to_typst(inlines)
  local out = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), "typst")
  return (out:gsub("%s+$", ""))
end

local function refuse(el)
  if el.format == "typst" or el.format == "typ" then
    error("manualctl: raw Typst is not allowed in a chapter (" .. el.text:sub(1, 60) .. ")")
  end
end

local function media_name(src)
  local ext = src:match("(%.[%w]+)$") or ""
  if not seen[src] then
    seen[src] = true
    table.insert(images, src)
  end
  return "/media/" .. pandoc.utils.sha1(src) .. ext:lower()
end

local function image_call(img)
  local alt = pandoc.utils.stringify(img.caption)
  local args = tstr(media_name(img.src)) .. ", alt: " .. tstr(alt)
  local width = img.attributes["width"]
  if width and width:match("^%d+%%$") then
    args = args .. ", width: " .. width
  end
  return "image(" .. args .. ")", alt
end

local function heading(el)
  local kind
  for _, c in ipairs(el.classes) do
    if PARTS[c] then kind = c end
  end
  if not kind then
    last_was_part = false
    return nil
  end
  local a = el.attributes
  local title = inlines_to_typst(el.content)
  if a.number and a.number ~= "" then
    title = "#" .. tstr(a.number) .. " " .. title
  end
  local lines = {}
  if (kind == "section" or kind == "chapter") and not last_was_part then
    table.insert(lines, "#pagebreak(weak: true)")
  end
  local label = ""
  if el.identifier ~= "" then
    label = " <" .. el.identifier .. ">"
  end
  table.insert(lines, "#heading(level: " .. el.level
    .. ", bookmarked: true, outlined: true)[" .. title .. "]" .. label)
  if kind == "chapter" then
    local args = {}
    for _, key in ipairs({ "flag", "status", "note" }) do
      if a[key] and a[key] ~= "" then table.insert(args, key .. ": " .. tstr(a[key])) end
    end
    if #args > 0 then
      table.insert(lines, "#chapter-status(" .. table.concat(args, ", ") .. ")")
    end
  end
  last_was_part = kind ~= "chapter"
  return pandoc.RawBlock("typst", table.concat(lines, "\n"))
end

local function div(el)
  last_was_part = false
  for _, c in ipairs(el.classes) do
    if BOXES[c] then
      local out = pandoc.List({ pandoc.RawBlock("typst", "#" .. BOXES[c] .. "[") })
      out:extend(el.content)
      out:insert(pandoc.RawBlock("typst", "]"))
      return out
    end
  end
  return nil
end

local function figure(el)
  last_was_part = false
  -- An image alone in a paragraph: the image (with its alt text), and a caption only
  -- when one was written apart from the alt text.
  local blocks = el.content
  if #blocks == 1 and (blocks[1].t == "Plain" or blocks[1].t == "Para")
      and #blocks[1].content == 1 and blocks[1].content[1].t == "Image" then
    local call, alt = image_call(blocks[1].content[1])
    local caption = pandoc.utils.stringify(el.caption.long)
    if caption ~= "" and caption ~= alt then
      local cap = inlines_to_typst(pandoc.utils.blocks_to_inlines(el.caption.long))
      return pandoc.RawBlock("typst", "#figure(" .. call .. ", caption: [" .. cap .. "])")
    end
    return pandoc.RawBlock("typst", "#block(" .. call .. ")")
  end
  return nil
end

local function image(el)
  local call = image_call(el)
  return pandoc.RawInline("typst", "#box(" .. call .. ")")
end

local function other_block(el)
  last_was_part = false
  return nil
end

local function write_images(doc)
  local target = doc.meta["manualctl-images"]
  if target then
    local f = assert(io.open(pandoc.utils.stringify(target), "w"))
    for _, src in ipairs(images) do f:write(src, "\n") end
    f:close()
  end
  return doc
end

return {
  { RawBlock = refuse, RawInline = refuse },
  {
    traverse = "topdown",
    Header = heading,
    Div = div,
    Figure = figure,
    Image = image,
    Para = other_block,
    Plain = nil,
    Table = other_block,
    BulletList = other_block,
    OrderedList = other_block,
    BlockQuote = other_block,
  },
  { Pandoc = write_images },
}
