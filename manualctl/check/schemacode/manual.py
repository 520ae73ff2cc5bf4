"""The manual schema as fastjsonschema code: generated, do not edit.

Made from schemas/manual.schema.json by scripts/compile_schemas.py (run it again
after changing the schema); see manualctl.check.fastcheck."""
# ruff: noqa
# mypy: ignore-errors
# fmt: off
SCHEMA_CRC32 = "faec1793"
VERSION = "2.22.3"
Decimal = float  # YAML data holds no Decimal
import re
from manualctl.check.schemacode import SchemaNo as JsonSchemaValueException
from manualctl.check.schemacode import SchemaNo as JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*(?!\\n)$': re.compile('^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*(?!\\n)\\Z'),
    '\\{edition\\}': re.compile('\\{edition\\}'),
    '^[0-9]{4}-(0[1-9]|1[0-2])$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)\\Z'),
    '^[0-9]+[a-z]?(\\.[0-9]+[a-z]?)*(?!\\n)$': re.compile('^[0-9]+[a-z]?(\\.[0-9]+[a-z]?)*(?!\\n)\\Z'),
    '^[0-9]{4}-(0[1-9]|1[0-2])(?!\\n)$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])(?!\\n)\\Z'),
    '^(https?://|mailto:)\\S+(?!\\n)$': re.compile('^(https?://|mailto:)\\S+(?!\\n)\\Z'),
    '^(?!/)(?![A-Za-z]:)[^\\\\]+(?!\\n)$': re.compile('^(?!/)(?![A-Za-z]:)[^\\\\]+(?!\\n)\\Z'),
    '\\S': re.compile('\\S'),
    '^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)\\Z')
}

NoneType = type(None)

def validate_https___manualctl_invalid_schemas_manual_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'title', 'contents']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_slug(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__title, custom_formats, (name_prefix or "data") + ".title")
        if "organisation" in data_keys:
            data_keys.remove("organisation")
            data__organisation = data["organisation"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__organisation, custom_formats, (name_prefix or "data") + ".organisation")
        if "language" in data_keys:
            data_keys.remove("language")
            data__language = data["language"]
            if not isinstance(data__language, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".language must be string")
            if isinstance(data__language, str):
                if not REGEX_PATTERNS['^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*(?!\\n)$'].search(data__language):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".language must match pattern ^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*(?!\\n)$")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string")
        if "logo" in data_keys:
            data_keys.remove("logo")
            data__logo = data["logo"]
            if not isinstance(data__logo, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".logo must be object")
            data__logo_is_dict = isinstance(data__logo, dict)
            if data__logo_is_dict:
                data__logo__missing_keys = set(['file', 'alt']) - data__logo.keys()
                if data__logo__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".logo must contain ")
                data__logo_keys = set(data__logo.keys())
                if "file" in data__logo_keys:
                    data__logo_keys.remove("file")
                    data__logo__file = data__logo["file"]
                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_relpath(data__logo__file, custom_formats, (name_prefix or "data") + ".logo.file")
                if "alt" in data__logo_keys:
                    data__logo_keys.remove("alt")
                    data__logo__alt = data__logo["alt"]
                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__logo__alt, custom_formats, (name_prefix or "data") + ".logo.alt")
                if data__logo_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".logo must not contain "+str(data__logo_keys)+" properties")
        if "edition" in data_keys:
            data_keys.remove("edition")
            data__edition = data["edition"]
            if not isinstance(data__edition, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".edition must be object")
            data__edition_is_dict = isinstance(data__edition, dict)
            if data__edition_is_dict:
                data__edition_keys = set(data__edition.keys())
                if "tag_format" in data__edition_keys:
                    data__edition_keys.remove("tag_format")
                    data__edition__tagformat = data__edition["tag_format"]
                    if not isinstance(data__edition__tagformat, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".edition.tag_format must be string")
                    if isinstance(data__edition__tagformat, str):
                        if not REGEX_PATTERNS['\\{edition\\}'].search(data__edition__tagformat):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".edition.tag_format must match pattern \\{edition\\}")
                if "uncontrolled_copy_notice" in data__edition_keys:
                    data__edition_keys.remove("uncontrolled_copy_notice")
                    data__edition__uncontrolledcopynotice = data__edition["uncontrolled_copy_notice"]
                    if not isinstance(data__edition__uncontrolledcopynotice, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".edition.uncontrolled_copy_notice must be string")
                if "url" in data__edition_keys:
                    data__edition_keys.remove("url")
                    data__edition__url = data__edition["url"]
                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_url(data__edition__url, custom_formats, (name_prefix or "data") + ".edition.url")
                if "preparing" in data__edition_keys:
                    data__edition_keys.remove("preparing")
                    data__edition__preparing = data__edition["preparing"]
                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_edition(data__edition__preparing, custom_formats, (name_prefix or "data") + ".edition.preparing")
                if "awaiting_text" in data__edition_keys:
                    data__edition_keys.remove("awaiting_text")
                    data__edition__awaitingtext = data__edition["awaiting_text"]
                    if not (isinstance(data__edition__awaitingtext, str) and data__edition__awaitingtext == 'to follow' or isinstance(data__edition__awaitingtext, str) and data__edition__awaitingtext == 'leave out'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".edition.awaiting_text must be one of ['to follow', 'leave out']")
                if "imported" in data__edition_keys:
                    data__edition_keys.remove("imported")
                    data__edition__imported = data__edition["imported"]
                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_edition(data__edition__imported, custom_formats, (name_prefix or "data") + ".edition.imported")
                if data__edition_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".edition must not contain "+str(data__edition_keys)+" properties")
        if "upstream" in data_keys:
            data_keys.remove("upstream")
            data__upstream = data["upstream"]
            if not isinstance(data__upstream, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".upstream must be object")
            data__upstream_is_dict = isinstance(data__upstream, dict)
            if data__upstream_is_dict:
                data__upstream__missing_keys = set(['manual', 'edition']) - data__upstream.keys()
                if data__upstream__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".upstream must contain ")
                data__upstream_keys = set(data__upstream.keys())
                if "manual" in data__upstream_keys:
                    data__upstream_keys.remove("manual")
                    data__upstream__manual = data__upstream["manual"]
                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__upstream__manual, custom_formats, (name_prefix or "data") + ".upstream.manual")
                if "edition" in data__upstream_keys:
                    data__upstream_keys.remove("edition")
                    data__upstream__edition = data__upstream["edition"]
                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_edition(data__upstream__edition, custom_formats, (name_prefix or "data") + ".upstream.edition")
                if data__upstream_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".upstream must not contain "+str(data__upstream_keys)+" properties")
        if "retired" in data_keys:
            data_keys.remove("retired")
            data__retired = data["retired"]
            if not isinstance(data__retired, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".retired must be array")
            data__retired_is_list = isinstance(data__retired, (list, tuple))
            if data__retired_is_list:
                data__retired_len = len(data__retired)
                for data__retired_x, data__retired_item in enumerate(data__retired):
                    if not isinstance(data__retired_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".retired[{data__retired_x}]".format(**locals()) + " must be object")
                    data__retired_item_is_dict = isinstance(data__retired_item, dict)
                    if data__retired_item_is_dict:
                        data__retired_item__missing_keys = set(['id', 'title']) - data__retired_item.keys()
                        if data__retired_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".retired[{data__retired_x}]".format(**locals()) + " must contain ")
                        data__retired_item_keys = set(data__retired_item.keys())
                        if "id" in data__retired_item_keys:
                            data__retired_item_keys.remove("id")
                            data__retired_item__id = data__retired_item["id"]
                            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_slug(data__retired_item__id, custom_formats, (name_prefix or "data") + ".retired[{data__retired_x}].id".format(**locals()))
                        if "title" in data__retired_item_keys:
                            data__retired_item_keys.remove("title")
                            data__retired_item__title = data__retired_item["title"]
                            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__retired_item__title, custom_formats, (name_prefix or "data") + ".retired[{data__retired_x}].title".format(**locals()))
                        if "number" in data__retired_item_keys:
                            data__retired_item_keys.remove("number")
                            data__retired_item__number = data__retired_item["number"]
                            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_number(data__retired_item__number, custom_formats, (name_prefix or "data") + ".retired[{data__retired_x}].number".format(**locals()))
                        if "retired_on" in data__retired_item_keys:
                            data__retired_item_keys.remove("retired_on")
                            data__retired_item__retiredon = data__retired_item["retired_on"]
                            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_date(data__retired_item__retiredon, custom_formats, (name_prefix or "data") + ".retired[{data__retired_x}].retired_on".format(**locals()))
                        if "reason" in data__retired_item_keys:
                            data__retired_item_keys.remove("reason")
                            data__retired_item__reason = data__retired_item["reason"]
                            if not isinstance(data__retired_item__reason, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".retired[{data__retired_x}].reason".format(**locals()) + " must be string")
                        if data__retired_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".retired[{data__retired_x}]".format(**locals()) + " must not contain "+str(data__retired_item_keys)+" properties")
        if "contents" in data_keys:
            data_keys.remove("contents")
            data__contents = data["contents"]
            if not isinstance(data__contents, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".contents must be array")
            data__contents_is_list = isinstance(data__contents, (list, tuple))
            if data__contents_is_list:
                data__contents_len = len(data__contents)
                for data__contents_x, data__contents_item in enumerate(data__contents):
                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_section(data__contents_item, custom_formats, (name_prefix or "data") + ".contents[{data__contents_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_section(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['section']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "section" in data_keys:
            data_keys.remove("section")
            data__section = data["section"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__section, custom_formats, (name_prefix or "data") + ".section")
        if "number" in data_keys:
            data_keys.remove("number")
            data__number = data["number"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_number(data__number, custom_formats, (name_prefix or "data") + ".number")
        if "entries" in data_keys:
            data_keys.remove("entries")
            data__entries = data["entries"]
            if not isinstance(data__entries, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entries must be array")
            data__entries_is_list = isinstance(data__entries, (list, tuple))
            if data__entries_is_list:
                data__entries_len = len(data__entries)
                for data__entries_x, data__entries_item in enumerate(data__entries):
                    data__entries_item_any_of_count1 = 0
                    if not data__entries_item_any_of_count1:
                        try:
                            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_subsection(data__entries_item, custom_formats, (name_prefix or "data") + ".entries[{data__entries_x}]".format(**locals()))
                            data__entries_item_any_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__entries_item_any_of_count1:
                        try:
                            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_entry(data__entries_item, custom_formats, (name_prefix or "data") + ".entries[{data__entries_x}]".format(**locals()))
                            data__entries_item_any_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__entries_item_any_of_count1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".entries[{data__entries_x}]".format(**locals()) + " cannot be validated by any definition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_entry(data, custom_formats={}, name_prefix=None):
    data_any_of_count2 = 0
    if not data_any_of_count2:
        try:
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_chapter_file(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count2:
        try:
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_inherited(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count2:
        try:
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_external(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count2:
        try:
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_see_also(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count2:
        try:
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_note(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count2:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_note(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['note']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "note" in data_keys:
            data_keys.remove("note")
            data__note = data["note"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__note, custom_formats, (name_prefix or "data") + ".note")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_see_also(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['see_also']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "see_also" in data_keys:
            data_keys.remove("see_also")
            data__seealso = data["see_also"]
            if not isinstance(data__seealso, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".see_also must be array")
            data__seealso_is_list = isinstance(data__seealso, (list, tuple))
            if data__seealso_is_list:
                data__seealso_len = len(data__seealso)
                if data__seealso_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".see_also must contain at least 1 items")
                for data__seealso_x, data__seealso_item in enumerate(data__seealso):
                    data__seealso_item_any_of_count3 = 0
                    if not data__seealso_item_any_of_count3:
                        try:
                            if not isinstance(data__seealso_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".see_also[{data__seealso_x}]".format(**locals()) + " must be object")
                            data__seealso_item_is_dict = isinstance(data__seealso_item, dict)
                            if data__seealso_item_is_dict:
                                data__seealso_item__missing_keys = set(['chapter']) - data__seealso_item.keys()
                                if data__seealso_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".see_also[{data__seealso_x}]".format(**locals()) + " must contain ")
                                data__seealso_item_keys = set(data__seealso_item.keys())
                                if "chapter" in data__seealso_item_keys:
                                    data__seealso_item_keys.remove("chapter")
                                    data__seealso_item__chapter = data__seealso_item["chapter"]
                                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_slug(data__seealso_item__chapter, custom_formats, (name_prefix or "data") + ".see_also[{data__seealso_x}].chapter".format(**locals()))
                                if "flag" in data__seealso_item_keys:
                                    data__seealso_item_keys.remove("flag")
                                    data__seealso_item__flag = data__seealso_item["flag"]
                                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_flag(data__seealso_item__flag, custom_formats, (name_prefix or "data") + ".see_also[{data__seealso_x}].flag".format(**locals()))
                                if data__seealso_item_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".see_also[{data__seealso_x}]".format(**locals()) + " must not contain "+str(data__seealso_item_keys)+" properties")
                            data__seealso_item_any_of_count3 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__seealso_item_any_of_count3:
                        try:
                            if not isinstance(data__seealso_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".see_also[{data__seealso_x}]".format(**locals()) + " must be object")
                            data__seealso_item_is_dict = isinstance(data__seealso_item, dict)
                            if data__seealso_item_is_dict:
                                data__seealso_item__missing_keys = set(['title']) - data__seealso_item.keys()
                                if data__seealso_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".see_also[{data__seealso_x}]".format(**locals()) + " must contain ")
                                data__seealso_item_keys = set(data__seealso_item.keys())
                                if "title" in data__seealso_item_keys:
                                    data__seealso_item_keys.remove("title")
                                    data__seealso_item__title = data__seealso_item["title"]
                                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__seealso_item__title, custom_formats, (name_prefix or "data") + ".see_also[{data__seealso_x}].title".format(**locals()))
                                if "url" in data__seealso_item_keys:
                                    data__seealso_item_keys.remove("url")
                                    data__seealso_item__url = data__seealso_item["url"]
                                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_url(data__seealso_item__url, custom_formats, (name_prefix or "data") + ".see_also[{data__seealso_x}].url".format(**locals()))
                                if "flag" in data__seealso_item_keys:
                                    data__seealso_item_keys.remove("flag")
                                    data__seealso_item__flag = data__seealso_item["flag"]
                                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_flag(data__seealso_item__flag, custom_formats, (name_prefix or "data") + ".see_also[{data__seealso_x}].flag".format(**locals()))
                                if data__seealso_item_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".see_also[{data__seealso_x}]".format(**locals()) + " must not contain "+str(data__seealso_item_keys)+" properties")
                            data__seealso_item_any_of_count3 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__seealso_item_any_of_count3:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".see_also[{data__seealso_x}]".format(**locals()) + " cannot be validated by any definition")
        if "label" in data_keys:
            data_keys.remove("label")
            data__label = data["label"]
            if not (isinstance(data__label, str) and data__label == 'See also:' or isinstance(data__label, str) and data__label == 'See also' or isinstance(data__label, str) and data__label == 'Also see:' or isinstance(data__label, str) and data__label == 'See:'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".label must be one of ['See also:', 'See also', 'Also see:', 'See:']")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_flag(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'New' or isinstance(data, str) and data == 'Updated'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['New', 'Updated']")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_external(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['external']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "external" in data_keys:
            data_keys.remove("external")
            data__external = data["external"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__external, custom_formats, (name_prefix or "data") + ".external")
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_url(data__url, custom_formats, (name_prefix or "data") + ".url")
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__source, custom_formats, (name_prefix or "data") + ".source")
        if "number" in data_keys:
            data_keys.remove("number")
            data__number = data["number"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_number(data__number, custom_formats, (name_prefix or "data") + ".number")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_status(data__status, custom_formats, (name_prefix or "data") + ".status")
        if "note" in data_keys:
            data_keys.remove("note")
            data__note = data["note"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__note, custom_formats, (name_prefix or "data") + ".note")
        if "flag" in data_keys:
            data_keys.remove("flag")
            data__flag = data["flag"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_flag(data__flag, custom_formats, (name_prefix or "data") + ".flag")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_status(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'local' or isinstance(data, str) and data == 'local procedure' or isinstance(data, str) and data == 'link to local procedures' or isinstance(data, str) and data == 'under review' or isinstance(data, str) and data == 'to follow'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['local', 'local procedure', 'link to local procedures', 'under review', 'to follow']")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_inherited(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['inherit']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "inherit" in data_keys:
            data_keys.remove("inherit")
            data__inherit = data["inherit"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_slug(data__inherit, custom_formats, (name_prefix or "data") + ".inherit")
        if "local" in data_keys:
            data_keys.remove("local")
            data__local = data["local"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_relpath(data__local, custom_formats, (name_prefix or "data") + ".local")
        if "number" in data_keys:
            data_keys.remove("number")
            data__number = data["number"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_number(data__number, custom_formats, (name_prefix or "data") + ".number")
        if "flag" in data_keys:
            data_keys.remove("flag")
            data__flag = data["flag"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_flag(data__flag, custom_formats, (name_prefix or "data") + ".flag")
        if "note" in data_keys:
            data_keys.remove("note")
            data__note = data["note"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__note, custom_formats, (name_prefix or "data") + ".note")
        if "amendments" in data_keys:
            data_keys.remove("amendments")
            data__amendments = data["amendments"]
            if not isinstance(data__amendments, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".amendments must be object")
            data__amendments_is_dict = isinstance(data__amendments, dict)
            if data__amendments_is_dict:
                data__amendments_keys = set(data__amendments.keys())
                for data__amendments_key in data__amendments_keys:
                    if data__amendments_key not in []:
                        data__amendments_value = data__amendments.get(data__amendments_key)
                        validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__amendments_value, custom_formats, (name_prefix or "data") + ".amendments.{data__amendments_key}".format(**locals()))
                data__amendments_len = len(data__amendments)
                if data__amendments_len != 0:
                    data__amendments_property_names = True
                    for data__amendments_key in data__amendments:
                        try:
                            if isinstance(data__amendments_key, str):
                                if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])$'].search(data__amendments_key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".amendments must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])$")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__amendments_property_names = False
                    if not data__amendments_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".amendments must be named by propertyName definition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_chapter_file(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['file']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "file" in data_keys:
            data_keys.remove("file")
            data__file = data["file"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_relpath(data__file, custom_formats, (name_prefix or "data") + ".file")
        if "number" in data_keys:
            data_keys.remove("number")
            data__number = data["number"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_number(data__number, custom_formats, (name_prefix or "data") + ".number")
        if "flag" in data_keys:
            data_keys.remove("flag")
            data__flag = data["flag"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_flag(data__flag, custom_formats, (name_prefix or "data") + ".flag")
        if "note" in data_keys:
            data_keys.remove("note")
            data__note = data["note"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__note, custom_formats, (name_prefix or "data") + ".note")
        if "replaces" in data_keys:
            data_keys.remove("replaces")
            data__replaces = data["replaces"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_slug(data__replaces, custom_formats, (name_prefix or "data") + ".replaces")
        if "based_on" in data_keys:
            data_keys.remove("based_on")
            data__basedon = data["based_on"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_edition(data__basedon, custom_formats, (name_prefix or "data") + ".based_on")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_subsection(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['subsection']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "subsection" in data_keys:
            data_keys.remove("subsection")
            data__subsection = data["subsection"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data__subsection, custom_formats, (name_prefix or "data") + ".subsection")
        if "number" in data_keys:
            data_keys.remove("number")
            data__number = data["number"]
            validate_https___manualctl_invalid_schemas_manual_schema_json___defs_number(data__number, custom_formats, (name_prefix or "data") + ".number")
        if "entries" in data_keys:
            data_keys.remove("entries")
            data__entries = data["entries"]
            if not isinstance(data__entries, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entries must be array")
            data__entries_is_list = isinstance(data__entries, (list, tuple))
            if data__entries_is_list:
                data__entries_len = len(data__entries)
                for data__entries_x, data__entries_item in enumerate(data__entries):
                    validate_https___manualctl_invalid_schemas_manual_schema_json___defs_entry(data__entries_item, custom_formats, (name_prefix or "data") + ".entries[{data__entries_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)$")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_number(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]+[a-z]?(\\.[0-9]+[a-z]?)*(?!\\n)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]+[a-z]?(\\.[0-9]+[a-z]?)*(?!\\n)$")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_edition(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])(?!\\n)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])(?!\\n)$")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_url(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^(https?://|mailto:)\\S+(?!\\n)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(https?://|mailto:)\\S+(?!\\n)$")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_relpath(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^(?!/)(?![A-Za-z]:)[^\\\\]+(?!\\n)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?!/)(?![A-Za-z]:)[^\\\\]+(?!\\n)$")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_text(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters")
        if not REGEX_PATTERNS['\\S'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern \\S")
    return data

def validate_https___manualctl_invalid_schemas_manual_schema_json___defs_slug(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        data_len = len(data)
        if data_len > 200:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 200 characters")
        if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)$")
    return data


check = validate_https___manualctl_invalid_schemas_manual_schema_json
