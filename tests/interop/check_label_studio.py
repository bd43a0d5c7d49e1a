"""Label Studio tasks, validated by label-studio-sdk's LabelInterface against the labeling
config Factmark writes beside them: the config itself, each task's data, and every region of
every annotation (labels, per-region choices and text areas). Every labels region's text must
be the slice of data.text by code points (Python's str index). A tampered region must fail,
so the validation is known to bite."""

import copy
import json

from label_studio_sdk.label_interface import LabelInterface

from interop_common import Checks, export, texts_by_document

checks = Checks("label-studio")
tasks_path = export("label-studio", "tasks.json")
config_path = tasks_path.with_name("tasks.config.xml")
interface = LabelInterface(config_path.read_text(encoding="utf-8"))
interface.validate()  # raises on an invalid config
checks.check(True, "the config validates")
tasks = json.loads(tasks_path.read_text(encoding="utf-8"))
texts = texts_by_document()
checks.check(len(tasks) == len(texts), f"{len(tasks)} tasks for {len(texts)} sessions")
regions = 0
for number, task in enumerate(tasks, 1):
    text = task["data"]["text"]
    checks.check(text == texts.get(task["data"]["document"]), f"task {number}: the article text")
    checks.check(interface.validate_task({"data": task["data"]}), f"task {number}: data has every variable")
    for annotation in task["annotations"]:
        errors = interface.validate_prediction(annotation, return_errors=True)
        checks.check(not errors, f"task {number}: {errors}")
        for region in annotation["result"]:
            if region["type"] != "labels":
                continue
            regions += 1
            value = region["value"]
            sliced = text[value["start"] : value["end"]]
            checks.check(sliced == value["text"], f"task {number} {region['id']}: {sliced!r} != {value['text']!r}")
    bad = copy.deepcopy(task["annotations"][0])
    bad["result"][0]["value"]["labels"] = ["Bogus"]
    checks.check(bool(interface.validate_prediction(bad, return_errors=True)), "a bogus label is refused")
checks.done(f"{len(tasks)} tasks, {regions} regions: valid for the config, every slice matches")
