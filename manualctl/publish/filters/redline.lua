--[[
redline.lua: manualctl's filter for a redline (manualctl/publish/redline/), pinned.

Its input is not a manual's Markdown but the tree manualctl made by comparing two
editions, each already through manual.lua (so links, images, boxes and the refusal of
raw markup are done). Changes are Spans of class "insertion" and "deletion" (with
author and date), as pandoc's Word writer takes them; each chapter Div says what
happened to it in "data-change".
  * Word: the blocks are styled as in the Word edition (docx.lua, the functions
    manual.lua calls); pandoc makes the Spans tracked changes.
  * HTML: each change becomes <ins> or <del> that also says what it is in words,
    hidden from sight (a screen reader announces it; nothing relies on colour).
  * PDF (Typst; typst.lua runs next, as for the PDF edition): each change is
    underlined or struck through and named in words, after a legend.
  * HTML and PDF: each chapter's status is a line under its heading.
]]

local here = (PANDOC_SCRIPT_FILE or ""):match("^(.*)[/\\]") or "."

local function is_chapter(block)
  return block.t == "Div" and block.classes:includes("chapter")
end

if FORMAT == "docx" then
  local docx = dofile(here .. "/docx.lua")
  -- ``content``'s headings moved down by ``shift`` (in place); whether any was
  local function shift_headings(content, shift)
    local moved = false
    for k = 1, #content do
      local h = content[k]
      if h.t == "Header" then
        h.level = math.min(6, h.level + shift)
        content[k] = h
        moved = true
      end
    end
    return moved
  end
  function Pandoc(doc)
    local blocks = doc.blocks
    -- A chapter whose every heading is at its top or directly in one of its boxes
    -- (manualctl says so: data-ready "headings") has them moved down here, by its depth
    -- under the parts shown, as docx.document would by walking the whole chapter.
    local parts = {} -- the numbers of the sections and sub-sections shown, as it counts
    local shifted = {}
    for i, block in ipairs(blocks) do
      if is_chapter(block) then
        local attributes = block.attributes
        local shift = 0
        if attributes["data-ready"] then
          attributes["data-ready"] = nil
          block.attributes = attributes
          shifted[attributes["data-id"]] = true
          shift = docx.depth_under(attributes["data-number"] or "", parts)
        end
        local content = block.content
        for j = 1, #content do
          local inner = content[j]
          if inner.t == "Header" and shift > 0 then
            inner.level = math.min(6, inner.level + shift)
            content[j] = inner
          elseif j > 1 and inner.t == "Div" then
            local inner_content = inner.content
            local styled = docx.style_box(inner, inner.classes, inner_content)
            local moved = shift > 0 and shift_headings(inner_content, shift)
            if styled or moved then
              inner.content = inner_content
            end
            content[j] = inner
          end
        end
        block.content = content
        blocks[i] = block
      elseif block.t == "Div" then
        local classes = block.classes
        if classes:includes("section-title") then
          parts = { [block.attributes["data-number"] or ""] = true }
        elseif classes:includes("subsection-title") then
          parts[block.attributes["data-number"] or ""] = true
        end
      end
    end
    -- no docx.style_top: the top-level blocks other than chapters are the section and
    -- sub-section titles (nothing to style) and the contents list, which manualctl made
    -- with its styles named (manualctl/publish/redline/contents.py)
    docx.meta(doc.meta)
    doc.blocks = blocks
    return docx.document(doc, shifted)
  end
  return
end

local typst = FORMAT == "typst"
local KINDS = { "insertion", "deletion" }
local TAG = { insertion = "ins", deletion = "del" }
local SAID = { insertion = "Inserted", deletion = "Deleted" }
local END = { insertion = "insertion", deletion = "deletion" }
local MARK = { insertion = pandoc.Underline, deletion = pandoc.Strikeout }

local function html_change(kind, content)
  local out = pandoc.Inlines({
    pandoc.RawInline("html", "<" .. TAG[kind] .. '><span class="change-cue">'
      .. SAID[kind] .. ": </span>"),
  })
  out:extend(content)
  out:insert(pandoc.RawInline("html", '<span class="change-cue"> End of '
    .. END[kind] .. ".</span></" .. TAG[kind] .. ">"))
  return out
end

function Span(span)
  for _, kind in ipairs(KINDS) do
    if span.classes:includes(kind) then
      if typst then
        -- a space the change starts or ends with stays outside its brackets
        local content = span.content
        local before = (#content > 0 and content[1].t == "Space") and content:remove(1)
        local after = (#content > 0 and content[#content].t == "Space") and content:remove()
        local out = pandoc.Inlines({})
        if before then out:insert(pandoc.Space()) end
        out:extend({ pandoc.Str("[" .. SAID[kind] .. ":"), pandoc.Space(),
          MARK[kind](content), pandoc.Str("]") })
        if after then out:insert(pandoc.Space()) end
        return out
      end
      return html_change(kind, span.content)
    end
  end
  return nil
end

function Div(div)
  local change = div.attributes["data-change"]
  if not is_chapter(div) or not change then return nil end
  local content = div.content
  local at = (content[1] and content[1].t == "Header") and 2 or 1
  content:insert(at, pandoc.Div({ pandoc.Para(pandoc.Inlines(change)) },
    { class = typst and "chapter-note" or "chapter-change" }))
  div.content = content
  div.attributes["data-change"] = nil
  return div
end

if typst then
  function Pandoc(doc)
    doc.blocks:insert(1, pandoc.Para(pandoc.Inlines("How changes are shown: inserted "
      .. "text is underlined and marked [Inserted: ...]; deleted text is struck through "
      .. "and marked [Deleted: ...]. Under each chapter's heading: what happened to it.")))
    return doc
  end
end
