--[[
html.lua: turns the manual (after manual.lua) into the pages of the HTML edition.

Pinned, like manual.lua: it ships inside manualctl, and manual.lua loads it from its own
folder and runs it at the end of its pass when pandoc writes html5 (same Lua state, so
the document is not marshalled out of Lua and back in between). pandoc writes no
template here: the body of the document becomes the texts and parts of the site, each
opened by a marker line (a RawBlock: nothing in a chapter can write one, raw markup is
refused):
  <!-- manualctl-meta NAME -->   then the manual's title, organisation, edition-line,
                                 ... (SITE_TEXTS below), logo-src and logo-alt
  <!-- manualctl-quick ID -->    then the label of a section, a quick link of the contents
  <!-- manualctl-page FILE -->   a page: "index.html" for the contents page, "<chapter
                                 id>.html" for a chapter ("<chapter id>-2.html" if that
                                 name is taken: a chapter with the id "index"); then
  <!-- manualctl-crumb HREF -->  then the text of a breadcrumb between Contents and the
                                 page (its section, its sub-section)
  <!-- manualctl-text -->        then the chapter's label (number and title): its page's
                                 title, last breadcrumb and the pager's text elsewhere
  <!-- manualctl-body -->        then the page's blocks, in a BlockQuote (pandoc's writer
                                 would make sections of a Div's headings at the top level)
The texts are Plain blocks, so pandoc's writer escapes them as a template's metadata.
manualctl.publish.site_pages cuts them apart and puts each page together with the pieces
of templates/html/site.html (the pager from the order of the pages).

What changes on the way:
  * the contents list: section lines become <h2>, sub-section lines <h3> (ids
    "section--1", "section--1-2", the targets of the quick links and breadcrumbs);
  * links to anything in another page ("#ID", "#ID--part") point at that page;
  * footnotes are numbered per chapter and listed at the end of their chapter page;
  * box titles ("Amendment", "Scope of this chapter", ...) become <h2> headings;
  * images point at "images/<path in the manual>" (publish copies exactly those files).
]]

local root = ""
local page_of = {}       -- identifier -> page file
local chapter_page = {}  -- chapter id -> page file
local used_names = { ["index.html"] = true }
local trail_titles = {}  -- "1" / "1.2" -> {label, kind}

local function stringify(x) return pandoc.utils.stringify(x) end

local function has_class(block, cls)
  return block.t == "Div" and block.classes:includes(cls)
end

local function page_name(id)
  local name, n = id .. ".html", 1
  while used_names[name] do
    n = n + 1
    name = id .. "-" .. n .. ".html"
  end
  used_names[name] = true
  return name
end

-- Elements whose identifiers links may point at (inline Code, Link and Image ids are not
-- collected: rarely used as targets, and asking about every link would slow big manuals).
local ID_TYPES = { "Header", "Div", "Span", "CodeBlock", "Table", "Figure" }

local function collect_ids(blocks, file)
  local filter = {}
  for _, t in ipairs(ID_TYPES) do
    filter[t] = function(el)
      if el.identifier and el.identifier ~= "" then page_of[el.identifier] = file end
    end
  end
  pandoc.Blocks(blocks):walk(filter)
end

local function first_para_inlines(div)
  local first = div.content[1]
  if first and (first.t == "Para" or first.t == "Plain") then return first.content end
  return pandoc.Inlines(stringify(div))
end

local function unique(id, wanted)
  local name, n = id .. "--" .. wanted, 1
  while page_of[name] do
    n = n + 1
    name = id .. "--" .. wanted .. "-" .. n
  end
  page_of[name] = chapter_page[id]
  return name
end

local BOXES = { "amendment", "scope", "related" }

local function box_headings(id, blocks)
  for i, block in ipairs(blocks) do
    if block.t == "Div" then
      for _, cls in ipairs(BOXES) do
        if block.classes:includes(cls) then
          local title = block.content[1]
          if title and has_class(title, "box-title") then
            block.content[1] = pandoc.Header(2, first_para_inlines(title),
              { id = unique(id, cls), class = "box-title" })
            blocks[i] = block
          end
        end
      end
    end
  end
  return blocks
end

-- Links, pictures and footnotes ---------------------------------------------------------

-- "#anchor" -> "page.html#anchor" when the anchor is on another page ("page.html" for a
-- chapter's own id).
local function link_on(here)
  return function(el)
    local target = el.target
    if target:sub(1, 1) ~= "#" then return nil end
    local anchor = target:sub(2)
    local file = page_of[anchor]
    if file == nil or file == here then return nil end
    el.target = chapter_page[anchor] == file and file or file .. target
    return el
  end
end

-- A path as a URL: anything but letters, digits, "-._~/" percent-encoded.
local function url_path(path)
  return (path:gsub("[^%w%-%._~/]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- manual.lua made each picture's path absolute; on the site it is images/<path>.
local function image_in(file_label)
  local prefix = root .. "/"
  return function(el)
    if el.src:sub(1, #prefix) ~= prefix then
      error("\nmanualctl-problem\t" .. file_label .. "\tthe image \"" .. el.src
        .. "\" is not a file inside the manual.\n", 0)
    end
    el.src = "images/" .. url_path(el.src:sub(#prefix + 1))
    return el
  end
end

-- A note becomes a numbered link to the list "Footnotes" at the end of the page.
local function note_in(id, notes)
  return function(el)
    local n = #notes + 1
    local note_id = unique(id, "footnote-" .. n)
    local ref_id = unique(id, "footnote-ref-" .. n)
    table.insert(notes, { content = el.content, id = note_id, ref = ref_id })
    -- attributes as a list of pairs: a Lua table's key order changes between runs
    local attr = pandoc.Attr(ref_id, { "footnote-ref" },
      { { "role", "doc-noteref" }, { "aria-label", "Footnote " .. n } })
    return pandoc.Superscript { pandoc.Link(tostring(n), "#" .. note_id, "", attr) }
  end
end

local function footnote_list(id, notes)
  local items = {}
  for n, note in ipairs(notes) do
    local content = pandoc.Blocks(note.content)
    local back = pandoc.Link("↩", "#" .. note.ref, "", pandoc.Attr("", { "footnote-back" },
      { { "role", "doc-backlink" }, { "aria-label", "Back to the text of footnote " .. n } }))
    local last = content[#content]
    if last and (last.t == "Para" or last.t == "Plain") then
      last.content:extend { pandoc.Space(), back }
    else
      content:insert(pandoc.Para { back })
    end
    table.insert(items, { pandoc.Div(content, { id = note.id }) })
  end
  return pandoc.Div({
    pandoc.Header(2, "Footnotes", { id = unique(id, "footnotes"), class = "footnotes-title" }),
    pandoc.OrderedList(items),
  }, { class = "footnotes" })
end

-- The blocks of a chapter's page: one walk rewrites links, pictures and notes (links
-- inside a note are rewritten before the note is taken out: the walk goes bottom-up).
-- A chapter whose links manualctl resolved (``as_is``, data-ready "pages") is not
-- walked: pandoc writes its footnotes as its writer does, and manualctl makes them and
-- its links to chapters what this walk makes of them (manualctl/publish/site_notes.py).
local function chapter_blocks(c, as_is)
  local notes = {}
  local blocks = box_headings(c.id, pandoc.Blocks(c.div.content))
  if as_is then return blocks end
  blocks = blocks:walk {
    Link = link_on(c.file),
    Image = image_in(c.div.attributes["data-file"] or c.id),
    Note = note_in(c.id, notes),
  }
  if #notes > 0 then blocks:insert(footnote_list(c.id, notes)) end
  return blocks
end

-- Pages --------------------------------------------------------------------------------

local ATTRIBUTE_ESCAPES = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }

-- ``text`` escaped for an HTML attribute's value (written between double quotes).
local function attribute_text(text)
  return (text:gsub('[&<>"]', ATTRIBUTE_ESCAPES))
end

local function number_of(block)
  for _, el in ipairs(first_para_inlines(block)) do
    if el.t == "Span" and el.classes:includes("number") then
      return (stringify(el):gsub("%.$", ""))
    end
  end
  return nil
end

-- "New" and "Updated" flags get a class of their own (flag-new, flag-updated).
local function flag_class(span)
  if span.classes:includes("flag") then
    span.classes:insert("flag-" .. stringify(span):lower():gsub("%W", ""))
    return span
  end
  return nil
end

-- A chapter's line: its number, then the rest (title, flag, status, source line) in a
-- span.entry, so that a long title or source line wraps under the title's start.
local function hanging(item, inlines)
  local kind = item.classes[1]
  if (kind ~= "contents-chapter" and kind ~= "contents-external") or #inlines == 0
      or inlines[1].t ~= "Span" or not inlines[1].classes:includes("number") then
    return inlines
  end
  local rest = pandoc.Inlines {}
  for i = 2, #inlines do
    if not (#rest == 0 and inlines[i].t == "Space") then rest:insert(inlines[i]) end
  end
  return { inlines[1], pandoc.Space(), pandoc.Span(rest, { class = "entry" }) }
end

-- The contents page: each section (h2) and sub-section (h3) heading, then its entries as
-- a real list (ul.contents-list), one item per chapter, see-also line or note.
local function contents_blocks(div, quick)
  local out = pandoc.Blocks {}
  local items = {}
  local function flush()
    if #items > 0 then
      out:insert(pandoc.Div({ pandoc.BulletList(items) }, { class = "contents-list" }))
      items = {}
    end
  end
  for _, block in ipairs(div.content) do
    local section = has_class(block, "contents-section")
    if section or has_class(block, "contents-subsection") then
      flush()
      local inlines = first_para_inlines(block)
      local ident = "section--" .. (number_of(block) or ""):gsub("%.", "-")
      out:insert(pandoc.Header(section and 2 or 3, inlines, { id = ident, class = block.classes[1] }))
      if section then table.insert(quick, { id = ident, label = stringify(inlines) }) end
    elseif block.t == "Div" then
      -- (a line is one paragraph, its flag a span in it: manual.lua's contents_line; a
      -- walk of each line cost a publish of 300 chapters 0.4 G instructions)
      local content = block.content
      if #content == 1 and content[1].t == "Para" then
        local inlines = content[1].content
        for i, el in ipairs(inlines) do
          if el.t == "Span" then inlines[i] = flag_class(el) or el end
        end
        block.content = { pandoc.Plain(hanging(block, inlines)) }
      else
        block = block:walk { Span = flag_class }
      end
      table.insert(items, { block })
    end
  end
  flush()
  return out
end

-- The breadcrumbs between Contents and a chapter's page: its section and sub-section.
local function trail_for(number)
  local crumbs = {}
  local section = number:match("^([^.]+)")
  local sub = number:match("^([^.]+%.[^.]+)%.")
  for _, key in ipairs { section, sub } do
    local entry = key and trail_titles[key]
    if entry then
      table.insert(crumbs, { text = entry.label, href = "index.html#section--" .. key:gsub("%.", "-") })
    end
  end
  return crumbs
end

-- Without the manual's contents list (publish --chapter): its section titles and a
-- link to each chapter, in order.
local function short_contents(blocks, chapters)
  local out = pandoc.Blocks {}
  local items = {}
  local function flush()
    if #items > 0 then out:insert(pandoc.BulletList(items)) end
    items = {}
  end
  for _, block in ipairs(blocks) do
    local section = has_class(block, "section-title")
    if section or has_class(block, "subsection-title") then
      flush()
      out:insert(pandoc.Header(section and 2 or 3, first_para_inlines(block),
        { id = block.identifier }))
    elseif has_class(block, "chapter") then
      local c = chapters[block.attributes["data-id"]]
      table.insert(items, { pandoc.Plain { pandoc.Link(c.label, "#" .. c.id) } })
    end
  end
  flush()
  return out
end

-- The metadata the pages show (manualctl/publish/metadata.py); the site's pieces show
-- these only when they are set.
local SITE_TEXTS = { "lang", "title", "edition-name", "organisation", "edition-line",
  "notice", "description" }
local WHEN_SET = { description = true }

-- ``identified``: chapter id -> every identifier in that chapter, for the chapters
-- manual.lua saw them all in (see its register); the others are walked for them.
-- ``as_is``: chapter id -> true for the chapters manualctl finishes on pandoc's output
-- (data-ready "pages": no picture; footnotes and chapter links, site_notes.py).
local function pages(doc, _, identified, as_is)
  identified = identified or {}
  as_is = as_is or {}
  root = stringify(doc.meta["manualctl-html-root"] or "")
  doc.meta["manualctl-html-root"] = nil
  local contents_div
  local chapters = {}
  for _, block in ipairs(doc.blocks) do
    if has_class(block, "manual-contents") then
      contents_div = block
    elseif has_class(block, "section-title") or has_class(block, "subsection-title") then
      local key = block.attributes["data-number"]
      trail_titles[key] = { label = stringify(block) }
      page_of[block.identifier] = "index.html"
    elseif has_class(block, "chapter") then
      local id = block.attributes["data-id"]
      local file = page_name(id)
      chapter_page[id] = file
      local content = block.content
      local known = identified[id]
      if known then
        for _, name in ipairs(known) do page_of[name] = file end
      else
        collect_ids(content, file)
      end
      page_of[block.identifier] = file
      local heading = content[1]
      table.insert(chapters, {
        id = id, file = file, div = block, label = stringify(heading.content),
        number = block.attributes["data-number"] or "",
      })
    end
  end
  local quick = {}
  local index_body
  if contents_div then
    for _, block in ipairs(contents_div.content) do
      if has_class(block, "contents-section") or has_class(block, "contents-subsection") then
        local key = number_of(block)
        if key then trail_titles[key] = { label = stringify(block) } end
      end
    end
    index_body = contents_blocks(contents_div, quick)
  else
    local by_id = {}
    for _, c in ipairs(chapters) do by_id[c.id] = c end
    index_body = short_contents(doc.blocks, by_id)
  end
  collect_ids(index_body, "index.html")

  local out = pandoc.Blocks {}
  local function mark(kind, value)
    out:insert(pandoc.RawBlock("html", "<!-- manualctl-" .. kind .. (value and " " .. value or "") .. " -->"))
  end
  local function text(kind, value, words)
    mark(kind, value)
    out:insert(pandoc.Plain(words))
  end
  -- the manual's texts, written as a template writes its metadata (a boolean as "true"
  -- or "false"); those shown only when set are left out when not
  for _, name in ipairs(SITE_TEXTS) do
    local value = doc.meta[name]
    if value ~= nil and not (WHEN_SET[name] and (value == false or value == "")) then
      text("meta", name, pandoc.utils.type(value) == "Inlines" and value
        or pandoc.Inlines(stringify(value)))
    end
  end
  local logo = doc.meta.logo and stringify(doc.meta.logo)
  if logo and logo:sub(1, #root + 1) == root .. "/" then
    text("meta", "logo-src", pandoc.Inlines("images/" .. url_path(logo:sub(#root + 2))))
    -- a text is escaped, but not for an attribute (a '"' would end it)
    local alt = doc.meta["logo-alt"] and stringify(doc.meta["logo-alt"]) or ""
    text("meta", "logo-alt", { pandoc.RawInline("html", attribute_text(alt)) })
  end
  for _, link in ipairs(quick) do text("quick", link.id, pandoc.Inlines(link.label)) end
  mark("page", "index.html")
  mark("body")
  out:insert(pandoc.BlockQuote(index_body:walk { Link = link_on("index.html") }))
  for _, c in ipairs(chapters) do
    local div = pandoc.Div(chapter_blocks(c, as_is[c.id]), c.div.attr)
    div.attributes["data-file"] = nil
    mark("page", c.file)
    for _, crumb in ipairs(trail_for(c.number)) do
      text("crumb", crumb.href, pandoc.Inlines(crumb.text))
    end
    text("text", nil, pandoc.Inlines(c.label))
    mark("body")
    out:insert(pandoc.BlockQuote { div })
  end
  doc.blocks = out
  return doc
end

return { document = pages }
