--[[
manual.lua: manualctl's own pandoc filter, run for every edition format.

Pinned: it ships inside manualctl and is the only filter manualctl runs; filters are
never taken from a manual. The document it expects is described in
manualctl/publish/document.py. Inside each chapter Div it:
  * shifts body headings so they sit below the chapter's level-1 heading;
  * makes the identifier manualctl gave each body heading (``{#slug}``, pandoc's own
    rule, see manualctl/check/markdown/ids.py) the chapter's own: "CHAPTERID--slug";
  * rewrites links "chapter:ID", "#ID", "#part" and "../other.md#part" to internal
    links (a link to a chapter not in this document keeps only its text);
  * resolves images against the manual's own image files (metadata
    manualctl-images, and manualctl-image-files: an inherited chapter's pictures, read
    from where publish wrote them), makes their paths absolute (the name shown) and
    loads them into the media bag:
    pandoc runs --sandbox, so nothing else can be read; remote images are refused;
  * gives "::: scope" and "::: related" boxes a ".box-title" first paragraph;
  * marks its right-to-left paragraphs and boxes (direction.lua).
The manual's contents list comes as JSON in a "manualctl-contents" code block (the first
block): the filter makes it the contents Div (see contents_div below).
A chapter Div may say what the filter need not do (data-ready, removed here): with
"links" it is not walked for links, images and raw markup: manualctl made sure it holds
none that need work and resolved its links itself (manualctl/publish/prelink.py); with
"boxes" no paragraph in it can be bold only, so a box whose first block is a paragraph
simply gets the default title (reading a paragraph's inlines is costly). Every edition
publish makes uses both. With "pages" (besides "links") html.lua does not walk it for
the site's pages: manualctl makes its footnotes and chapter links on pandoc's output.
Raw markup (RawBlock/RawInline) is refused in chapters (the reader has raw extensions
off, so this is a second line of defence). So is anything that could become script
(manualctl/check/policy.py, passed as metadata manualctl-policy): an attribute not in
the allow-list, a link whose scheme is not (javascript:, data:, ...), a chapter Div
inside a chapter, and any block outside the chapters the document model placed
(metadata manualctl-chapters, the SHA-1 of their ids: a stray ':::' closed a chapter's
box early). Problems are collected and
reported together as lines "manualctl-problem<TAB>FILE<TAB>MESSAGE", then the run fails.
]]

-- The format's own work is done in this same Lua state, not by a second filter (that
-- would marshal the whole document out of Lua and back in again): docx.lua styles
-- blocks for Word as this filter goes; html.lua makes the site's pages at the end.
local FORMAT_MODULES = { docx = "docx.lua", html5 = "html.lua" }
local here = (PANDOC_SCRIPT_FILE or ""):match("^(.*)[/\\]") or "."
local format_module = {}
if FORMAT_MODULES[FORMAT] then
  format_module = dofile(here .. "/" .. FORMAT_MODULES[FORMAT])
end
local format_styles = format_module.style_box and format_module or nil
local direction = dofile(here .. "/direction.lua")

local root = ""
local allowed = {}
local image_files = {} -- pictures shown under a name of their own: name -> their file
local walkless = {} -- chapters whose links manualctl resolved already (publish/prelink.py)
local plain_boxes = {} -- chapters with no bold-only paragraph (data-ready="boxes")
local shifted = {} -- chapters whose headings register moved down for the format already
local identified = {} -- chapter id -> every identifier in it, where register saw them all
local as_is = {} -- chapters the format's pages change nothing in (data-ready="pages")
local problems = {}
local chapter_ids = {}
local file_to_id = {}
local anchors = {}
local loaded = {}
local policy_attributes = {}
local policy_schemes = {}

local BOX_TITLES = {
  scope = "Scope of this chapter",
  related = "Related guidance and chapters",
}
local MIME = {
  png = "image/png", jpg = "image/jpeg", jpeg = "image/jpeg", gif = "image/gif",
  svg = "image/svg+xml", bmp = "image/bmp", tif = "image/tiff", tiff = "image/tiff",
}

local function problem(file, message)
  table.insert(problems, "manualctl-problem\t" .. file .. "\t" .. message)
end

local function normalize(path)
  local parts = {}
  for part in string.gmatch(path, "[^/]+") do
    if part == ".." then
      if #parts == 0 then return nil end
      table.remove(parts)
    elseif part ~= "." then
      table.insert(parts, part)
    end
  end
  return table.concat(parts, "/")
end

local function dirname(file)
  return file:match("^(.*)/[^/]*$") or ""
end

local function has_scheme(target)
  return target:match("^%a[%w+.-]*:") ~= nil
end

local function is_chapter(block)
  return block.t == "Div" and block.classes:includes("chapter")
end

-- The single Strong element a paragraph consists of, or nil.
local function only_strong(para)
  local inlines = para.content
  if #inlines == 1 and inlines[1].t == "Strong" then return inlines[1] end
  return nil
end

-- A "::: scope" or "::: related" box (``classes``, ``content`` already read) gets a
-- ".box-title" first block: its first heading or bold-only paragraph, or the default.
-- ``plain``: the chapter has no bold-only paragraph (data-ready="boxes").
local function box_title(classes, content, plain)
  for cls, title in pairs(BOX_TITLES) do
    if classes:includes(cls) then
      local first = content[1]
      local kind = first and first.t
      local strong = kind == "Para" and not plain and only_strong(first) or nil
      if kind == "Header" then
        content[1] = pandoc.Div({ pandoc.Para(first.content) }, { class = "box-title" })
      elseif strong then
        content[1] = pandoc.Div({ pandoc.Para(strong.content) }, { class = "box-title" })
      elseif not (kind == "Div" and first.classes:includes("box-title")) then
        content:insert(1, pandoc.Div({ pandoc.Para(title) }, { class = "box-title" }))
      end
      return true
    end
  end
  return false
end

-- Box titles and (for Word) styles of the Div ``block`` at the top of a chapter, whose
-- content list ``content`` the caller read already (and changed, when ``dirty``);
-- writes it back when it changed.
local function finish_box(block, content, dirty, plain)
  local classes = block.classes
  local changed = box_title(classes, content, plain)
  if format_styles and format_styles.style_box(block, classes, content) then
    changed = true
  end
  if changed or dirty then block.content = content end
  return block
end

-- Headings and boxes sit at the top of a chapter or one level down, inside a box:
-- looking there (not walking the whole tree) keeps the filter fast on big manuals.
-- Each list is read once (hslua copies a list on every read of .content) and written
-- back only when one of its headings changed. When the format moves a chapter's
-- headings down by its depth under the parts shown (Word: format_module.depth_under;
-- ``parts``, the numbers of the sections and sub-sections shown since the last
-- section's) and manualctl made sure every heading is here (data-ready="headings"),
-- they are moved here too.
local function register(div, parts)
  local attributes = div.attributes
  local id = attributes["data-id"]
  local file = attributes["data-file"] or ""
  local ready = attributes["data-ready"]
  local at_top = false
  if ready then
    for word in ready:gmatch("%S+") do
      if word == "links" then walkless[id] = true end
      if word == "boxes" then plain_boxes[id] = true end
      if word == "headings" then at_top = true end
      if word == "pages" then as_is[id] = true end
    end
    if not walkless[id] then as_is[id] = nil end -- (only with "links")
    attributes["data-ready"] = nil
    div.attributes = attributes
  end
  local below = 0
  if at_top and format_module.depth_under then
    below = format_module.depth_under(attributes["data-number"] or "", parts)
    shifted[id] = true
  end
  chapter_ids[id] = true
  file_to_id[file] = id
  anchors[id] = {}
  local content = div.content
  local lowest = 6
  local heads = {} -- { list, index } of each heading, in document order
  local inner_of = {} -- index in content -> the inner list of that Div
  for i = 2, #content do
    local block = content[i]
    if block.t == "Div" then
      local inner = block.content
      for j = 1, #inner do
        local b = inner[j]
        if b.t == "Header" then
          lowest = math.min(lowest, b.level)
          heads[#heads + 1] = { inner, j, i }
        elseif is_chapter(b) then
          problem(file, "a '::: ...' box is not closed: add a line ':::' at its end.")
        end
      end
      inner_of[i] = inner
      if is_chapter(block) then
        problem(file, "a '::: ...' box is not closed: add a line ':::' at its end.")
      end
    elseif block.t == "Header" then
      lowest = math.min(lowest, block.level)
      heads[#heads + 1] = { content, i, nil }
    end
  end
  local shift = (lowest < 2 and (2 - lowest) or 0) + below
  local touched = {}
  local first = content[1]
  -- A chapter with no attributes of its own (data-ready "links": no "{" in its text)
  -- whose headings are all here (data-ready "headings") has no identifiers but its
  -- heading's and theirs: listed for the format (html.lua need not walk it for them).
  local names = nil
  if walkless[id] and at_top then
    names = {}
    if first and first.t == "Header" and first.identifier ~= "" then
      names[1] = first.identifier
    end
    identified[id] = names
  end
  if below > 0 and first and first.t == "Header" then -- the chapter's own heading
    first.level = math.min(6, first.level + below)
    content[1] = first
  end
  for _, at in ipairs(heads) do
    local list, index, outer = at[1], at[2], at[3]
    local h = list[index]
    h.level = math.min(6, h.level + shift)
    -- the identifier manualctl wrote (pandoc's, as validate checks links against it:
    -- manualctl/check/markdown/ids.py); made the chapter's own here
    local name = h.identifier
    if name ~= "" then
      anchors[id][name] = id .. "--" .. name
      h.identifier = id .. "--" .. name
      if names then names[#names + 1] = h.identifier end
    end
    list[index] = h
    if outer then touched[outer] = true end
  end
  if walkless[id] then
    -- nothing to walk: finish its boxes now, while their lists are at hand
    for i = 2, #content do
      if inner_of[i] then
        content[i] = finish_box(content[i], inner_of[i], touched[i], plain_boxes[id])
      end
    end
  else
    for i in pairs(touched) do
      local block = content[i]
      block.content = inner_of[i]
      content[i] = block
    end
  end
  div.content = content
  return div
end

local function link_target(id, file, target)
  local path, frag = target:match("^([^#]*)#?(.*)$")
  local to_id
  if target:sub(1, 8) == "chapter:" then
    path, frag = target:sub(9):match("^([^#]*)#?(.*)$")
    to_id = path
    if not chapter_ids[to_id] then return nil end
  elseif path == "" then
    if anchors[id][frag] then return "#" .. anchors[id][frag] end
    return target
  elseif path:match("%.md$") and not has_scheme(path) and path:sub(1, 1) ~= "/" then
    local rel = normalize(dirname(file) .. "/" .. path)
    to_id = rel and file_to_id[rel]
    if not to_id then return nil end
  else
    return target
  end
  if frag ~= "" and anchors[to_id][frag] then return "#" .. anchors[to_id][frag] end
  return "#" .. to_id
end

local function load_image(file, el)
  local src = el.src
  if has_scheme(src) or src:sub(1, 1) == "/" then
    problem(file, "the image \"" .. src .. "\" is not a file in the manual: download it "
      .. "into the manual's media/ folder and link to it with a relative path.")
    return el
  end
  -- pandoc's reader writes a space in a link as %20: the file's name has the space
  local decoded = src:gsub("%%(%x%x)", function(hex) return string.char(tonumber(hex, 16)) end)
  local rel = normalize(dirname(file) .. "/" .. decoded)
  if not rel or not allowed[rel] then
    problem(file, "the image \"" .. src .. "\" is not an image file inside the manual's "
      .. "folder: put it in media/ and give its path relative to the chapter file.")
    return el
  end
  local absolute = root .. "/" .. rel
  if not loaded[rel] then
    local handle = io.open(image_files[rel] or absolute, "rb")
    if not handle then
      problem(file, "cannot read the image \"" .. src .. "\".")
      return el
    end
    local data = handle:read("a")
    handle:close()
    local ext = (rel:match("%.(%w+)$") or ""):lower()
    pandoc.mediabag.insert(absolute, MIME[ext] or "application/octet-stream", data)
    loaded[rel] = true
  end
  el.src = absolute
  return el
end

-- The scheme of an address as a browser reads it (tabs and newlines ignored, leading
-- spaces and control characters dropped), lower case; nil for a relative address.
local function url_scheme(target)
  local text = target:gsub("[\t\n\r]", ""):gsub("^[%z\1-\32]+", "")
  local found = text:match("^(%a[%w+.-]*):")
  return found and found:lower() or nil
end

local function allowed_list(set)
  local names = {}
  for name in pairs(set) do names[#names + 1] = name end
  table.sort(names)
  return table.concat(names, ", ")
end

-- Attributes outside the allow-list are refused (and dropped). docx.lua styles boxes
-- with "custom-style" before this walk (a Word style name, never script).
local OWN_ATTRIBUTES = { ["custom-style"] = FORMAT == "docx" }

local function check_attributes(file)
  return function(el)
    local attributes = el.attributes
    local refused = false
    for key, _ in pairs(attributes) do
      if not policy_attributes[key:lower()] and not OWN_ATTRIBUTES[key] then
        problem(file, "the attribute \"" .. key .. "\" is not allowed in a chapter: write "
          .. "only #id, .class and " .. allowed_list(policy_attributes) .. " between { }.")
        refused = true
      end
    end
    if refused then
      el.attributes = {}
      return el
    end
    return nil
  end
end

local function refuse_raw(file)
  return function(el)
    problem(file, "raw " .. el.format .. " markup is not allowed in a chapter: write it "
      .. "in Markdown instead (" .. el.text:sub(1, 40) .. ").")
    return {}
  end
end

local function finish(div)
  local id = div.attributes["data-id"]
  local file = div.attributes["data-file"] or ""
  local content = div.content
  for i = 2, #content do
    local block = content[i]
    if block.t == "Div" then
      content[i] = finish_box(block, block.content, false, plain_boxes[id])
    end
  end
  local attributes = check_attributes(file)
  local blocks = pandoc.Blocks(content):walk {
    Span = attributes, Header = attributes, Code = attributes, CodeBlock = attributes,
    Table = attributes,
    Figure = function(el)
      local kept = attributes(el) or el
      if format_module.figure then return format_module.figure(kept) end
      return kept
    end,
    Div = function(el)
      if is_chapter(el) then
        problem(file, "a ':::' line closes the chapter's box early, or a box has the class "
          .. "'chapter' that manualctl keeps for itself: remove the stray ':::' line or "
          .. "the class.")
      end
      return attributes(el)
    end,
    Link = function(el)
      attributes(el)
      local scheme = url_scheme(el.target)
      if scheme and not policy_schemes[scheme] then
        problem(file, "the link \"" .. el.target:sub(1, 40) .. "\" is refused: links may "
          .. "only use " .. allowed_list(policy_schemes) .. " addresses, or a path in the "
          .. "manual.")
        return pandoc.Span(el.content)
      end
      local target = link_target(id, file, el.target)
      if target == nil then return pandoc.Span(el.content) end
      el.target = target
      return el
    end,
    Image = function(el)
      attributes(el)
      return load_image(file, el)
    end,
    RawBlock = refuse_raw(file),
    RawInline = refuse_raw(file),
  }
  div.content = blocks
  return div
end

-- The contents list comes as JSON in a code block (manualctl/publish/document.py): pandoc
-- reads that far faster than the same list written in Markdown. Each line becomes the
-- Div the Markdown would have made: a Para of the number (Span .number), the label, the
-- title (a Link when there is a target), the status and flag (Spans) and the source
-- (after a line break). The texts are plain: split into words as pandoc reads escaped
-- text.
local function contents_line(line)
  local inlines = pandoc.Inlines({})
  local function add(more)
    if #inlines > 0 then inlines:insert(pandoc.Space()) end
    inlines:extend(more)
  end
  if line.number then add({ pandoc.Span(pandoc.Inlines(line.number), { class = "number" }) }) end
  if line.label then add(pandoc.Inlines(line.label)) end
  if line.link then add({ pandoc.Link(pandoc.Inlines(line.link), line.target) }) end
  if line.text then add(pandoc.Inlines(line.text)) end
  if line.status then
    add({ pandoc.Span(pandoc.Inlines("- " .. line.status), { class = "status" }) })
  end
  if line.flag then add({ pandoc.Span(pandoc.Inlines(line.flag), { class = "flag" }) }) end
  if line.source then
    inlines:insert(pandoc.LineBreak())
    inlines:insert(pandoc.Span(pandoc.Inlines("(" .. line.source .. ")"), { class = "source" }))
  end
  return pandoc.Div({ pandoc.Para(inlines) }, { class = line.class })
end

local function contents_div(code)
  local lines = pandoc.List({})
  for _, line in ipairs(pandoc.json.decode(code.text, false)) do
    lines:insert(contents_line(line))
  end
  return pandoc.Div(lines, { id = "manual--contents", class = "manual-contents" })
end

-- The file of the chapter before block ``i`` (whose box a stray ':::' closed).
local function expected_file_before(blocks, i)
  for j = i - 1, 1, -1 do
    if is_chapter(blocks[j]) then return blocks[j].attributes["data-file"] or "" end
  end
  return ""
end

function Pandoc(doc)
  local blocks = doc.blocks
  root = pandoc.utils.stringify(doc.meta["manualctl-root"] or "")
  local images = pandoc.utils.stringify(doc.meta["manualctl-images"] or "[]")
  for _, rel in ipairs(pandoc.json.decode(images)) do allowed[rel] = true end
  doc.meta["manualctl-root"] = nil
  doc.meta["manualctl-images"] = nil
  -- an inherited chapter's pictures (manualctl/publish/inherited.py): read from the
  -- publish run's work folder, shown as if they were the manual's own
  local files = pandoc.utils.stringify(doc.meta["manualctl-image-files"] or "{}")
  for name, path in pairs(pandoc.json.decode(files, false)) do
    allowed[name] = true
    image_files[name] = path
  end
  doc.meta["manualctl-image-files"] = nil
  local policy = pandoc.json.decode(pandoc.utils.stringify(doc.meta["manualctl-policy"] or "{}"))
  for _, name in ipairs(policy.attributes or {}) do policy_attributes[name] = true end
  for _, name in ipairs(policy.schemes or {}) do policy_schemes[name] = true end
  -- the chapters placed, as the SHA-1 of their ids one per line (a list would not fit on
  -- pandoc's command line for a big manual)
  local expected = pandoc.utils.stringify(doc.meta["manualctl-chapters"] or "")
  doc.meta["manualctl-policy"] = nil
  doc.meta["manualctl-chapters"] = nil

  local first = blocks[1]
  if first and first.t == "CodeBlock" and first.classes:includes("manualctl-contents") then
    blocks[1] = contents_div(first)
  end
  local placed = {}
  local seen = {}
  for i, block in ipairs(blocks) do
    if is_chapter(block) then
      local id = block.attributes["data-id"] or ""
      placed[#placed + 1] = id
      if seen[id] then
        problem(block.attributes["data-file"] or "", "a ':::' line closes the chapter's box "
          .. "early and a '::: {.chapter}' box follows: remove the stray ':::' line and "
          .. "the class 'chapter', which manualctl keeps for itself.")
      end
      seen[id] = true
    elseif not (i == 1 and block.t == "Div" and block.classes:includes("manual-contents"))
        and not (block.t == "Div" and (block.classes:includes("section-title")
          or block.classes:includes("subsection-title"))) then
      problem(expected_file_before(blocks, i), "a ':::' line closes the chapter's box "
        .. "early, leaving text outside the chapter: remove the stray ':::' line (or "
        .. "open a box with '::: name' before it).")
    end
  end
  local same = pandoc.utils.sha1(table.concat(placed, "\n")) == expected
  if #problems == 0 then
    local parts = {} -- the numbers of the sections and sub-sections shown so far
    for i, block in ipairs(blocks) do -- (reports a box that swallowed the next chapter)
      if is_chapter(block) then
        blocks[i] = register(block, parts)
      elseif block.t == "Div" then
        local classes = block.classes
        if classes:includes("section-title") then
          parts = { [block.attributes["data-number"] or ""] = true }
        elseif classes:includes("subsection-title") then
          parts[block.attributes["data-number"] or ""] = true
        end
      end
    end
  end
  if not same and #problems == 0 then
    problem("", "the chapters pandoc read are not the chapters of the manual: a ':::' line "
      .. "closes a chapter's box early. Run 'manualctl validate' to see where.")
  end
  if #problems > 0 then
    error("\n" .. table.concat(problems, "\n") .. "\n", 0)
  end
  for i, block in ipairs(blocks) do
    if is_chapter(block) then
      if not walkless[block.attributes["data-id"]] then block = finish(block) end
      blocks[i] = direction.chapter(block) -- right-to-left paragraphs (direction.lua)
    end
  end
  if format_styles then
    format_styles.style_top(blocks)
    format_styles.meta(doc.meta)
  end
  doc.blocks = blocks
  if #problems > 0 then
    error("\n" .. table.concat(problems, "\n") .. "\n", 0)
  end
  if format_module.document then
    return format_module.document(doc, shifted, identified, as_is)
  end
  return doc
end
