--[[
direction.lua: text written right to left (Arabic, Urdu, Persian, Hebrew, ...) in every
edition format, part of manual.lua's pass (loaded from its own folder, pinned).

A council's manual is mostly English with paragraphs in its community languages. A
paragraph whose first letter is of a right-to-left script, and a box with such a
language (`::: {lang=ar}`), are right to left; `dir=rtl`/`dir=ltr` written by the
author decide for a box. Pandoc's own `dir` does the rest in Word (w:bidi) and HTML
(dir="rtl"); typst.lua writes the Typst (text direction and alignment). Only chapters
the document model marked (data-dir="auto": their text holds such letters) are read.
]]

local M = {}

-- primary language subtags of languages written right to left
local RTL_LANGUAGES = {
  ar = true, arc = true, ckb = true, dv = true, fa = true, he = true, iw = true,
  ks = true, ps = true, sd = true, syr = true, ug = true, ur = true, yi = true,
}

-- "rtl", "ltr" or nil: the direction of the first letter with a direction of its own
-- (digits, punctuation, symbols and emoji have none)
local function first_strong(text)
  for _, c in utf8.codes(text) do
    if (c >= 0x41 and c <= 0x5A) or (c >= 0x61 and c <= 0x7A) then return "ltr" end
    if (c >= 0x0590 and c <= 0x08FF) or (c >= 0xFB1D and c <= 0xFDFF)
        or (c >= 0xFE70 and c <= 0xFEFC) or (c >= 0x10800 and c <= 0x10FFF)
        or (c >= 0x1E800 and c <= 0x1EFFF) then
      return "rtl"
    end
    if c >= 0xC0 and c ~= 0xD7 and c ~= 0xF7 and not (c >= 0x0300 and c <= 0x036F)
        and not (c >= 0x2000 and c <= 0x2BFF) and not (c >= 0x3000 and c <= 0x303F)
        and not (c >= 0xFE00 and c <= 0xFE0F) and c < 0x1F000 then
      return "ltr"
    end
  end
  return nil
end
M.first_strong = first_strong

-- The direction a Div's attributes give its content, and whether it came from lang.
local function own_direction(attributes)
  local dir = attributes.dir
  if dir then
    dir = dir:lower()
    if dir == "rtl" or dir == "ltr" then return dir, false end
    return nil, false
  end
  local primary = (attributes.lang or ""):lower():match("^(%a+)")
  if primary and RTL_LANGUAGES[primary] then return "rtl", true end
  return nil, false
end

-- Word: pandoc drops the paragraph style of a paragraph in a Div with dir (it would be
-- Normal, not Body Text), so such a Div names the style itself, unless a box around it
-- (styled) already gives one.
local function word_style(div, style, styled)
  if FORMAT == "docx" and not styled then
    div.attributes["custom-style"] = style
  end
  return div
end

local walk

local function walk_div(div, dir, styled)
  local attributes = div.attributes
  local own, from_lang = own_direction(attributes)
  if from_lang then attributes.dir = "rtl" end
  div.attributes = attributes
  if own == "rtl" then
    div = word_style(div, "Body Text", styled or attributes["custom-style"] ~= nil)
  end
  local inner_styled = styled or div.attributes["custom-style"] ~= nil
  local content = div.content
  if walk(content, own or dir, inner_styled) then div.content = content end
  return div
end

-- Marks the right-to-left parts of ``blocks`` (a Lua list, changed in place) whose
-- direction is ``dir`` (nil: not set by any box around them). Returns whether it changed.
walk = function(blocks, dir, styled)
  local changed = false
  for i, block in ipairs(blocks) do
    local kind = block.t
    if kind == "Para" or kind == "Plain" then
      if dir == nil and first_strong(pandoc.utils.stringify(block)) == "rtl" then
        local div = pandoc.Div({ block }, { dir = "rtl" })
        blocks[i] = word_style(div, kind == "Plain" and "Compact" or "Body Text", styled)
        changed = true
      end
    elseif kind == "Div" then
      blocks[i] = walk_div(block, dir, styled)
      changed = true
    elseif kind == "BulletList" or kind == "OrderedList" then
      local items = block.content
      local any = false
      for _, item in ipairs(items) do
        if walk(item, dir, styled) then any = true end
      end
      if any then
        block.content = items
        blocks[i] = block
        changed = true
      end
    elseif kind == "BlockQuote" then
      local content = block.content
      if walk(content, dir, true) then -- Word: its paragraphs keep the quote's style
        block.content = content
        blocks[i] = block
        changed = true
      end
    end
  end
  return changed
end

-- The chapter Div, its right-to-left paragraphs and boxes marked when the document model
-- said it holds right-to-left letters (data-dir="auto", removed here).
function M.chapter(div)
  local attributes = div.attributes
  if attributes["data-dir"] == nil then return div end
  attributes["data-dir"] = nil
  div.attributes = attributes
  local content = div.content
  if walk(content, nil, false) then div.content = content end
  return div
end

return M
