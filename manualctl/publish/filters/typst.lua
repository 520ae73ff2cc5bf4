-- manualctl's pinned pandoc filter for the PDF edition (document model -> Typst).
--
-- It runs after the shared filter (manual.lua) on the document model's Markdown (see
-- manualctl/publish/document.py) and turns its structure into calls to the functions
-- of templates/manual.typ:
--   * the .manual-contents div becomes the contents page: one #contents-page call with
--     every line (number, target heading, text), which Typst lays out as its outline
--     (tagged TOC/TOCI) with the page number of each section, sub-section and chapter;
--   * .section-title / .subsection-title divs become bookmarked headings (level 1, 2);
--   * each .chapter div starts a new page with a bookmarked heading one level below its
--     section or sub-section; the headings inside the chapter move down with it;
--   * amendment, scope and related divs become the chapter boxes; .chapter-status and
--     .chapter-note and .chapter-flag divs, .flag spans (New, Updated) and .status
--     spans are styled;
--   * every image is written with its alt text and renamed /media/<sha1 of path><ext>;
--     the list of image paths goes to the file named by the metadata field
--     manualctl-typst-images (manualctl checks each one lies in the manual, then copies
--     it into the Typst compile folder).
-- Raw Typst is refused outright: a manual must never run code in the PDF build.

local List = pandoc.List
local images = List()
local seen = {}

local shown = {} -- ids of the section and sub-section headings the document shows

local function tstr(s)
  s = s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("[\r\n\t]", " ")
  return '"' .. s .. '"'
end

local function has(el, cls)
  return el.classes ~= nil and el.classes:includes(cls)
end

local function raw(text)
  return pandoc.RawBlock("typst", text)
end

local function to_typst(inlines)
  local out = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), "typst")
  return (out:gsub("%s+$", ""))
end

local function refuse(el)
  if el.format:lower():match("^typ") then
    error("manualctl: raw Typst is not allowed in a chapter (" .. el.text:sub(1, 60) .. ")")
  end
  return {}
end

-- Math: an accessible PDF needs alt text for every equation; it is the TeX as written
-- (what a screen reader can spell out), and Typst lays out pandoc's translation of it.
local function math(el)
  local typst = to_typst({ el })
  local body = typst:match("^%$(.*)%$$")
  if not body then return nil end
  local block = el.mathtype == "DisplayMath"
  return pandoc.RawInline("typst", "#math.equation(alt: " .. tstr(el.text) .. ", block: "
    .. tostring(block) .. ", $" .. body .. "$)")
end

-- Images ---------------------------------------------------------------------------------

local function media_name(src)
  if not seen[src] then
    seen[src] = true
    images:insert(src)
  end
  local ext = (src:match("(%.[%w]+)$") or ""):lower()
  return "/media/" .. pandoc.utils.sha1(src) .. ext
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

-- Images become raw Typst in the same walk as figures are seen, and inline elements are
-- walked first: a figure finds its image already written, and its alt text here.
local alt_of = {}

local function image(el)
  local call, alt = image_call(el)
  local text = "#box(" .. call .. ")"
  alt_of[text] = { call = call, alt = alt }
  return pandoc.RawInline("typst", text)
end

-- An image alone in a paragraph: the image (with its alt text) as a block, and a caption
-- only when one was written apart from the alt text.
local function figure(el)
  local blocks = el.content
  if #blocks ~= 1 or (blocks[1].t ~= "Plain" and blocks[1].t ~= "Para") then return nil end
  local inlines = blocks[1].content
  if #inlines ~= 1 or inlines[1].t ~= "RawInline" then return nil end
  local written = alt_of[inlines[1].text]
  if written == nil then return nil end
  local caption = pandoc.utils.stringify(el.caption.long)
  if caption ~= "" and caption ~= written.alt then
    local cap = to_typst(pandoc.utils.blocks_to_inlines(el.caption.long))
    return raw("#figure(" .. written.call .. ", caption: [" .. cap .. "])")
  end
  return raw("#block(" .. written.call .. ")")
end

-- Links are underlined (WCAG 1.4.1): each link is written inside an underline, so the
-- template needs no show rule on links (see its contents page).
local function underline_link(el)
  return pandoc.Underline({ el })
end

-- Boxes, statuses, flags -----------------------------------------------------------------

local function wrap(open, content)
  local out = List({ raw(open) })
  out:extend(content)
  out:insert(raw("]"))
  return out
end

local BOXES = { amendment = true, scope = true, related = true }

-- A box with a direction (dir=rtl, given by the author or by direction.lua for a
-- right-to-left paragraph or language): Typst sets the text's direction, and "start"
-- alignment then means the right margin. Written as content, #[...], not as pandoc's
-- #block[...] for a lang: inside a block Typst lines the paragraphs up on the left.
local function direction(el)
  local dir = (el.attributes.dir or ""):lower()
  if dir ~= "rtl" and dir ~= "ltr" then return nil end
  local set = "#set text(dir: " .. dir
  local lang = (el.attributes.lang or ""):lower():match("^(%l%l%l?)%f[^%l]")
  if lang then set = set .. ", lang: " .. tstr(lang) end
  return wrap("#[" .. set .. ")\n#set align(start)", el.content)
end

local function div(el)
  local classes = el.classes
  local kind = nil
  for i = 1, #classes do
    local c = classes[i]
    if BOXES[c] or c == "chapter-status" or c == "chapter-note" or c == "chapter-flag" then
      kind = c
      break
    end
  end
  if kind == nil then return direction(el) end
  if BOXES[kind] then
    local content = el.content
    local title = "none"
    local first = content[1]
    if first ~= nil and first.t == "Div" and first.classes[1] == "box-title" then
      -- Box titles are plain text ("Scope of this chapter"): a string, never markup.
      title = tstr(pandoc.utils.stringify(first))
      content:remove(1)
    end
    return wrap("#chapter-box(" .. tstr(kind) .. ", title: " .. title .. ")[", content)
  elseif kind == "chapter-status" then
    return wrap("#chapter-status-line[", el.content)
  elseif kind == "chapter-note" then
    return wrap("#chapter-note[", el.content)
  elseif kind == "chapter-flag" then
    return wrap("#chapter-flag-line[", el.content)
  end
  return nil
end

local function span(el)
  local kind = el.classes[1]
  if kind == "flag" then
    return pandoc.RawInline("typst", "#flag-badge(" .. tstr(pandoc.utils.stringify(el)) .. ")")
  end
  if kind == "status" or kind == "source" then
    -- A string, not markup: "- under review" must not start a list.
    return pandoc.RawInline("typst", "#muted(" .. tstr(pandoc.utils.stringify(el)) .. ")")
  end
  return nil
end

-- The contents page ----------------------------------------------------------------------

local function section_target(number)
  return "section--" .. number:gsub("%.$", ""):gsub("%.", "-")
end

-- "1.2 Title ..." -> number "1.2", the rest of the line's inlines.
local function split_number(inlines)
  local number = nil
  local rest = List()
  for _, il in ipairs(inlines) do
    if number == nil and il.t == "Span" and has(il, "number") then
      number = pandoc.utils.stringify(il)
    elseif not (number ~= nil and #rest == 0 and il.t == "Space") then
      rest:insert(il)
    end
  end
  return number, rest
end

local function first_target(blocks)
  local target = nil
  pandoc.walk_block(pandoc.Div(blocks), {
    Link = function(link)
      if target == nil and link.target:sub(1, 1) == "#" then
        target = link.target:sub(2)
      end
    end,
  })
  return target
end

-- A line's inlines. The line of a heading's entry is one link to its page, so a link
-- inside it (the chapter's title, already underlined) gives way to its text; a
-- section's or sub-section's title is underlined the same way.
local function line_inlines(blocks, linked)
  local inlines = pandoc.Inlines(pandoc.utils.blocks_to_inlines(blocks))
  if linked then
    local had = false
    inlines = inlines:walk({
      Link = function(link)
        had = true
        return link.content
      end,
    })
    if not had then inlines = pandoc.Inlines({ pandoc.Underline(inlines) }) end
  end
  return inlines
end

local function rawi(text)
  return pandoc.RawInline("typst", text)
end

-- One contents line as a Typst dictionary: its text stays pandoc inlines, which the
-- writer turns into markup with the rest of the document (one writer for the whole
-- contents, not one per line).
local function contents_line(el, out)
  local kind = el.classes[1]:gsub("^contents%-", "")
  local blocks = List(el.content)
  local number = nil
  if #blocks > 0 and (blocks[1].t == "Para" or blocks[1].t == "Plain") then
    local rest
    number, rest = split_number(blocks[1].content)
    blocks[1] = pandoc.Plain(rest)
  end
  local target = nil
  if kind == "section" or kind == "subsection" then
    target = number and section_target(number) or nil
    if target and not shown[target] then target = nil end
  elseif kind == "chapter" or kind == "external" then
    target = first_target(blocks)
  end
  out:insert(rawi("  (kind: " .. tstr(kind) .. ", number: " .. (number and tstr(number) or "none")
    .. ", target: " .. (target and tstr(target) or "none") .. ", body: ["))
  out:extend(line_inlines(blocks, target ~= nil))
  out:insert(rawi("]),\n"))
end

-- The contents page: one call with every line (see contents-page in templates/manual.typ).
local function contents(el)
  local inlines = pandoc.Inlines({ rawi("#contents-page((\n") })
  local out = List()
  for _, block in ipairs(el.content) do
    if block.t == "Div" and block.classes[1] and block.classes[1]:match("^contents%-") then
      contents_line(block, inlines)
    else
      out:insert(block)
    end
  end
  inlines:insert(rawi("))"))
  out:insert(1, pandoc.Plain(inlines))
  return out
end

-- Sections and chapters ------------------------------------------------------------------

-- Titles of sections, sub-sections and chapters are plain text (the document model
-- escapes them), so they go to Typst as strings: quick, and never markup.
local function part_heading(el, level, after_part)
  local brk = after_part and "" or "#pagebreak(weak: true)\n"
  return raw(brk .. "#heading(level: " .. level .. ", bookmarked: true, outlined: true)[#"
    .. tstr(pandoc.utils.stringify(el.content)) .. "] <" .. el.identifier .. ">")
end

local function depth(number)
  local _, dots = number:gsub("%.", "")
  return dots + 1
end

-- A chapter sits one level below its section or sub-section; when the document does not
-- show that part (the Amendments appendix, moved to the end), it is a top-level entry.
-- ``content``: the chapter Div's content, walked.
local function chapter(el, content, after_part, parts)
  local a = el.attributes
  local id = a["data-id"] or ""
  local number = a["data-number"] or ""
  local level = 1
  if number ~= "" then
    local parent = number:match("^(.*)%.[^.]*$")
    if parent and parts[parent] then
      level = depth(number)
    end
  end
  -- The chapter's own headings (level 2 and below) sit under its heading.
  local open_body = "#[#set heading(offset: " .. (level - 1) .. ")"
  local opened = false
  local out = List()
  for _, block in ipairs(content) do
    if not opened and block.t == "Header" and block.level == 1 and block.identifier == id then
      local lines = {}
      if not after_part then table.insert(lines, "#pagebreak(weak: true)") end
      table.insert(lines, "#heading(level: " .. level .. ", bookmarked: true, outlined: true)[#"
        .. tstr(pandoc.utils.stringify(block.content)) .. "] <" .. id .. ">")
      table.insert(lines, open_body)
      out:insert(raw(table.concat(lines, "\n")))
      opened = true
    else
      out:insert(block)
    end
  end
  if not opened then out:insert(1, raw(open_body)) end
  out:insert(raw("]"))
  return out
end

-- The document ---------------------------------------------------------------------------

-- The walk that writes images, math, flags, statuses, boxes and links for the template,
-- raw Typst refused (what it writes is not walked again). Each part of the document is
-- walked on its own (the contents, a chapter's content): one walk of the whole document
-- costs more (0.34 G instructions of 12.5 G on 300 chapters); section titles need none.
local WALK = {
  RawBlock = refuse,
  RawInline = refuse,
  Image = image,
  Math = math,
  Span = span,
  Div = div,
  Figure = figure,
  Link = underline_link,
}

function Pandoc(doc)
  local blocks = doc.blocks
  for _, block in ipairs(blocks) do
    if block.t == "Div" and (has(block, "section-title") or has(block, "subsection-title")) then
      shown[block.identifier] = true
    end
  end
  local parts = {} -- numbers of the sections and sub-sections shown so far
  local out = List()
  local after_part = false
  for _, block in ipairs(blocks) do
    local is_part = false
    if block.t == "Div" and has(block, "manual-contents") then
      block.content = pandoc.Blocks(block.content):walk(WALK)
      out:extend(contents(block))
    elseif block.t == "Div" and has(block, "section-title") then
      out:insert(part_heading(block, 1, after_part))
      parts = { [block.attributes["data-number"] or ""] = true }
      is_part = true
    elseif block.t == "Div" and has(block, "subsection-title") then
      out:insert(part_heading(block, 2, after_part))
      parts[block.attributes["data-number"] or ""] = true
      is_part = true
    elseif block.t == "Div" and has(block, "chapter") then
      out:extend(chapter(block, pandoc.Blocks(block.content):walk(WALK), after_part, parts))
    else
      out:extend(pandoc.Blocks({ block }):walk(WALK))
    end
    after_part = is_part
  end
  doc.blocks = out
  local target = doc.meta["manualctl-typst-images"]
  if target then
    local f = assert(io.open(pandoc.utils.stringify(target), "w"))
    for _, src in ipairs(images) do f:write(src, "\n") end
    f:close()
  end
  return doc
end
