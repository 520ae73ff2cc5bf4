"""The chapter schema as fastjsonschema code: generated, do not edit.

Made from schemas/chapter.schema.json by scripts/compile_schemas.py (run it again
after changing the schema); see manualctl.check.fastcheck."""
# ruff: noqa
# mypy: ignore-errors
# fmt: off
SCHEMA_CRC32 = "7dc4da27"
VERSION = "2.22.3"
Decimal = float  # YAML data holds no Decimal
import re
from manualctl.check.schemacode import SchemaNo as JsonSchemaValueException
from manualctl.check.schemacode import SchemaNo as JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)\\Z'),
    '\\S': re.compile('\\S'),
    '^[0-9]{4}-(0[1-9]|1[0-2])(?!\\n)$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])(?!\\n)\\Z'),
    '^[a-z0-9]+(-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*\\Z'),
    '^[0-9]{4}-(0[1-9]|1[0-2])$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)\\Z')
}

NoneType = type(None)

def validate_https___manualctl_invalid_schemas_chapter_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'title']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string")
            if isinstance(data__id, str):
                data__id_len = len(data__id)
                if data__id_len > 200:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be shorter than or equal to 200 characters")
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)$'].search(data__id):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must match pattern ^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)$")
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be string")
            if isinstance(data__title, str):
                data__title_len = len(data__title)
                if data__title_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be longer than or equal to 1 characters")
                if not REGEX_PATTERNS['\\S'].search(data__title):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must match pattern \\S")
        if "owner" in data_keys:
            data_keys.remove("owner")
            data__owner = data["owner"]
            if not isinstance(data__owner, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".owner must be string or null")
        if "review" in data_keys:
            data_keys.remove("review")
            data__review = data["review"]
            if not isinstance(data__review, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review must be object")
            data__review_is_dict = isinstance(data__review, dict)
            if data__review_is_dict:
                data__review_keys = set(data__review.keys())
                if "last" in data__review_keys:
                    data__review_keys.remove("last")
                    data__review__last = data__review["last"]
                    validate_https___manualctl_invalid_schemas_chapter_schema_json___defs_date(data__review__last, custom_formats, (name_prefix or "data") + ".review.last")
                if "next" in data__review_keys:
                    data__review_keys.remove("next")
                    data__review__next = data__review["next"]
                    validate_https___manualctl_invalid_schemas_chapter_schema_json___defs_date(data__review__next, custom_formats, (name_prefix or "data") + ".review.next")
                if "every_months" in data__review_keys:
                    data__review_keys.remove("every_months")
                    data__review__everymonths = data__review["every_months"]
                    if not isinstance(data__review__everymonths, (int)) and not (isinstance(data__review__everymonths, float) and data__review__everymonths.is_integer()) or isinstance(data__review__everymonths, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.every_months must be integer")
                    if isinstance(data__review__everymonths, (int, float, Decimal)) and not isinstance(data__review__everymonths, bool):
                        if data__review__everymonths < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.every_months must be bigger than or equal to 1")
                        if data__review__everymonths > 120:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.every_months must be smaller than or equal to 120")
                if data__review_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".review must not contain "+str(data__review_keys)+" properties")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not (isinstance(data__status, str) and data__status == 'local' or isinstance(data__status, str) and data__status == 'local procedure' or isinstance(data__status, str) and data__status == 'link to local procedures' or isinstance(data__status, str) and data__status == 'under review' or isinstance(data__status, str) and data__status == 'to follow'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['local', 'local procedure', 'link to local procedures', 'under review', 'to follow']")
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'chapter' or isinstance(data__kind, str) and data__kind == 'amendments'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['chapter', 'amendments']")
        if "amendments" in data_keys:
            data_keys.remove("amendments")
            data__amendments = data["amendments"]
            if not isinstance(data__amendments, (dict, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".amendments must be object or null")
            data__amendments_is_dict = isinstance(data__amendments, dict)
            if data__amendments_is_dict:
                data__amendments_keys = set(data__amendments.keys())
                for data__amendments_key in data__amendments_keys:
                    if data__amendments_key not in []:
                        data__amendments_value = data__amendments.get(data__amendments_key)
                        if not isinstance(data__amendments_value, (str, NoneType)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".amendments.{data__amendments_key}".format(**locals()) + " must be string or null")
                data__amendments_len = len(data__amendments)
                if data__amendments_len != 0:
                    data__amendments_property_names = True
                    for data__amendments_key in data__amendments:
                        try:
                            if isinstance(data__amendments_key, str):
                                if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])(?!\\n)$'].search(data__amendments_key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".amendments must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])(?!\\n)$")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__amendments_property_names = False
                    if not data__amendments_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".amendments must be named by propertyName definition")
        if "replaces" in data_keys:
            data_keys.remove("replaces")
            data__replaces = data["replaces"]
            if not isinstance(data__replaces, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".replaces must be string")
            if isinstance(data__replaces, str):
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__replaces):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".replaces must match pattern ^[a-z0-9]+(-[a-z0-9]+)*$")
        if "based_on" in data_keys:
            data_keys.remove("based_on")
            data__basedon = data["based_on"]
            if not isinstance(data__basedon, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".based_on must be string")
            if isinstance(data__basedon, str):
                if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])$'].search(data__basedon):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".based_on must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])$")
        if "tags" in data_keys:
            data_keys.remove("tags")
            data__tags = data["tags"]
            if not isinstance(data__tags, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags must be array")
            data__tags_is_list = isinstance(data__tags, (list, tuple))
            if data__tags_is_list:
                data__tags_len = len(data__tags)
                for data__tags_x, data__tags_item in enumerate(data__tags):
                    if not isinstance(data__tags_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags[{data__tags_x}]".format(**locals()) + " must be string")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___manualctl_invalid_schemas_chapter_schema_json___defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)$")
    return data


check = validate_https___manualctl_invalid_schemas_chapter_schema_json
