--[[
docx.lua: manualctl's own filter for the Word edition, run after manual.lua.

It names the paragraph and character styles of templates/reference.docx (made by
templates/make_reference_docx.py) for the classes of the document model, through
pandoc's "custom-style" attribute. Pinned: it ships inside manualctl.
]]

local PARAGRAPH = {
  ["contents-section"] = "Contents Section",
  ["contents-subsection"] = "Contents Subsection",
  ["contents-chapter"] = "Contents Chapter",
  ["contents-external"] = "Contents External",
  ["contents-see-also"] = "Contents See Also",
  ["contents-see-also-and"] = "Contents See Also",
  ["contents-note"] = "Contents Note",
  ["section-title"] = "Section Title",
  ["subsection-title"] = "Subsection Title",
  ["chapter-status"] = "Chapter Status",
  ["chapter-note"] = "Chapter Note",
}
local BOXES = { amendment = "Amendment Box", scope = "Scope Box", related = "Related Box" }
local CHARACTER = { flag = "Flag", status = "Status", source = "Source", number = "Number" }

function Meta(meta)
  meta.logo = nil -- a local path: the cover page gets the logo from manualctl
  return meta
end

local function first_class(classes, map)
  for _, cls in ipairs(classes) do
    if map[cls] then return map[cls] end
  end
  return nil
end

function Div(el)
  local style = first_class(el.classes, PARAGRAPH)
  if style then
    el.attributes["custom-style"] = style
    return el
  end
  local box = first_class(el.classes, BOXES)
  if box then
    el.content = el.content:walk {
      Div = function(inner)
        if inner.classes:includes("box-title") then
          inner.attributes["custom-style"] = box .. " Title"
          return inner
        end
      end,
    }
    el.attributes["custom-style"] = box
    return el
  end
end

function Span(el)
  local style = first_class(el.classes, CHARACTER)
  if style then
    el.attributes["custom-style"] = style
    return el
  end
end
