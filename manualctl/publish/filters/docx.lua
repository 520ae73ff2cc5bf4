--[[
docx.lua: manualctl's own styling for the Word edition, part of manual.lua's pass.

It names the paragraph and character styles of templates/reference.docx (made by
templates/make_reference_docx.py) for the classes of the document model, through
pandoc's "custom-style" attribute. It is not a filter of its own: manual.lua loads it
(from its own folder) when pandoc writes docx and styles each block while it already
holds it, so the document is not handed over to a second filter and walked again.
The classed Divs and Spans sit at known places (top level, the contents list, the top
of a chapter), so it looks only there. Pinned: it ships inside manualctl.
]]

local PARAGRAPH = {
  ["contents-section"] = "Contents Section",
  ["contents-subsection"] = "Contents Subsection",
  ["contents-chapter"] = "Contents Chapter",
  ["contents-external"] = "Contents External",
  ["contents-see-also"] = "Contents See Also",
  ["contents-see-also-and"] = "Contents See Also",
  ["contents-note"] = "Contents Note",
  ["chapter-status"] = "Chapter Status",
  ["chapter-note"] = "Chapter Note",
  ["chapter-flag"] = "Chapter Flag",
}
local BOXES = { amendment = "Amendment Box", scope = "Scope Box", related = "Related Box" }
local CHARACTER = { flag = "Flag", status = "Status", source = "Source", number = "Number" }

local function first_class(classes, map)
  for _, cls in ipairs(classes) do
    if map[cls] then return map[cls] end
  end
  return nil
end

local function style_spans(content)
  for i, para in ipairs(content) do
    if para.t == "Para" or para.t == "Plain" then
      local inlines = para.content
      for j, inline in ipairs(inlines) do
        if inline.t == "Span" then
          local style = first_class(inline.classes, CHARACTER)
          if style then
            inline.attributes["custom-style"] = style
            inlines[j] = inline
          end
        end
      end
      para.content = inlines
      content[i] = para
    end
  end
end

-- Styles the Div ``div`` whose classes are ``classes`` and whose content list is
-- ``content`` (both already read: each read of a field crosses into pandoc). The caller
-- writes ``content`` back. Returns whether anything changed.
local function style_box(div, classes, content)
  local style = first_class(classes, PARAGRAPH)
  if style then
    div.attributes["custom-style"] = style
    style_spans(content)
    return true
  end
  local box = first_class(classes, BOXES)
  if not box then return false end
  for i, inner in ipairs(content) do
    if inner.t == "Div" and inner.classes:includes("box-title") then
      inner.attributes["custom-style"] = box .. " Title"
      content[i] = inner
    end
  end
  div.attributes["custom-style"] = box
  return true
end

local function style_div(div)
  if div.t ~= "Div" then return div end
  local content = div.content
  if style_box(div, div.classes, content) then div.content = content end
  return div
end

-- The top-level blocks other than chapters (manual.lua styles a chapter's own blocks
-- with style_box while it finishes the chapter).
local function style_top(blocks)
  for i, block in ipairs(blocks) do
    if block.t == "Div" and not block.classes:includes("chapter") then
      if block.classes:includes("manual-contents") then
        local content = block.content
        for j, inner in ipairs(content) do content[j] = style_div(inner) end
        block.content = content
        blocks[i] = block
      else
        blocks[i] = style_div(block)
      end
    end
  end
end

-- Section > sub-section > chapter as Word's built-in headings at their depth (Heading 1
-- for a section, 2 for a sub-section, 2 for a chapter under a section and 3 under a
-- sub-section, as in the PDF's bookmarks), so the Navigation pane, the outline levels
-- and screen readers see the manual's structure. A chapter's own headings move down
-- with it, by the dots in its number when its section or sub-section was shown before
-- it (``parts``: their numbers since the last section's); a chapter whose section is
-- not shown (publish --chapter, the Amendments appendix moved to the end) stays at
-- level 1.
local function depth_under(number, parts)
  local parent = number:match("^(.*)%.[^.]*$")
  if not (parent and parts[parent]) then return 0 end
  local _, dots = number:gsub("%.", "")
  return dots
end

-- ``shifted``: the chapters (by id) whose headings manual.lua moved already, where it
-- knew it had them all (see depth_under in its register); the others are walked here.
local function document(doc, shifted)
  shifted = shifted or {}
  local blocks = doc.blocks
  local parts = {}
  for i, block in ipairs(blocks) do
    if block.t == "Div" then
      local classes = block.classes
      if classes:includes("section-title") or classes:includes("subsection-title") then
        local level = classes:includes("section-title") and 1 or 2
        local number = block.attributes["data-number"] or ""
        if level == 1 then parts = {} end
        parts[number] = true
        local inlines = pandoc.utils.blocks_to_inlines(block.content)
        blocks[i] = pandoc.Header(level, inlines, { id = block.identifier })
      elseif classes:includes("chapter") and not shifted[block.attributes["data-id"]] then
        local shift = depth_under(block.attributes["data-number"] or "", parts)
        if shift > 0 then
          blocks[i] = block:walk({
            Header = function(h)
              h.level = math.min(6, h.level + shift)
              return h
            end,
          })
        end
      end
    end
  end
  doc.blocks = blocks
  return doc
end

-- An image alone in a paragraph, which pandoc makes a figure captioned with its alt text:
-- Word keeps the alt text as the picture's description (what a screen reader says) and
-- prints no caption, as the PDF; a caption written apart from the alt text stays.
local function figure(fig)
  local blocks = fig.content
  if #blocks ~= 1 or (blocks[1].t ~= "Plain" and blocks[1].t ~= "Para") then return fig end
  local inlines = blocks[1].content
  if #inlines ~= 1 or inlines[1].t ~= "Image" then return fig end
  local caption = pandoc.utils.stringify(fig.caption.long)
  if caption ~= "" and caption ~= pandoc.utils.stringify(inlines[1].caption) then return fig end
  return pandoc.Para(inlines)
end

return {
  depth_under = depth_under,
  figure = figure,
  style_box = style_box,
  style_top = style_top,
  document = document,
  -- the logo is a local path: the cover page gets it from manualctl
  meta = function(meta) meta.logo = nil end,
}
