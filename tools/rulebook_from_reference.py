#!/usr/bin/env python3
"""Generate the YAML rulebook from the shared reference (deadline-rules.json) and researched additions.

Usage: tools/rulebook_from_reference.py [REFERENCE_JSON] [OUTPUT_DIR] [--extra EXTRA_JSON] [--no-extra]
Defaults: ../shared/reference/deadline-rules.json -> src/main/resources/rulebook/
          --extra src/main/resources/rulebook/sources/us-extra-rules.json -> us-states-researched.yaml

The reference stays the primary source and fills the family files. Researched rules in the reference's schema (the
20 US jurisdictions the reference lacked) are kept in the repo under rulebook/sources/ and go into a file of their
own, so that a reference update never mixes with them; an id in both is refused.

The reference is prose-heavy; the engine needs closed vocabularies. This script is the one place where the
reference's free-form values (jurisdiction labels, clock-start phrases, deadline shapes) are mapped onto the
engine's enums. Rule ids, triggers, thresholds, sources and confirmation are carried over unchanged. Where the
reference says something only in prose (Japan's 60-day variant, Brazil's doubling for small agents, which clocks a
law-enforcement delay tolls), the mapping is written out below per rule id so that a re-run reproduces it.
Re-run it when the reference grows, then review the diff.
"""
import argparse
import json
from collections import OrderedDict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RULEBOOK = ROOT / "src" / "main" / "resources" / "rulebook"

# Researched additions: the YAML file each goes to, its source in the repo, and the family file it follows in the
# index.
EXTRA_FILE = "us-states-researched.yaml"
EXTRA_SOURCE = RULEBOOK / "sources" / "us-extra-rules.json"
EXTRA_AFTER = "us-states.yaml"

JURISDICTIONS = {
    "EU/EEA": "EU", "EU": "EU", "EU (national transpositions)": "EU", "UK": "GB", "US-federal": "US",
    "CA (Canada)": "CA", "US-NY (sector)": "US-NY",
}

FAMILIES = OrderedDict([
    ("eu.yaml", lambda j: j == "EU"),
    ("uk.yaml", lambda j: j == "GB"),
    ("us-federal.yaml", lambda j: j == "US"),
    ("us-states.yaml", lambda j: j.startswith("US-")),
    ("americas.yaml", lambda j: j in ("CA", "BR") or j.startswith("CA-")),
    ("europe-other.yaml", lambda j: j in ("CH",)),
    ("middle-east-africa.yaml", lambda j: j in ("OM", "ZA", "SA", "KE", "NG", "TR", "AE", "IL")),
    ("asia-pacific.yaml", lambda j: True),
])

# (recipient, detail prefix) - the engine's closed set has seven recipients; the reference's finer labels are kept
# in recipientDetail so nothing is lost.
RECIPIENTS = {
    "individuals": ("INDIVIDUALS", None),
    "supervisory_authority": ("SUPERVISORY_AUTHORITY", None),
    "attorney_general": ("ATTORNEY_GENERAL", None),
    "sector_regulator": ("SECTOR_REGULATOR", None),
    "csirt_or_competent_authority": ("SECTOR_REGULATOR", "CSIRT or competent authority"),
    "consumer_reporting_agencies": ("CONSUMER_REPORTING_AGENCIES", None),
    "covered_entity": ("CONTROLLER", "the covered entity / customer the service provider works for"),
    "controller": ("CONTROLLER", None),
    "data_owner": ("CONTROLLER", "the data owner or licensee"),
    "law_enforcement": ("SECTOR_REGULATOR", "law enforcement"),
    "internal": ("CONTROLLER", "internal: the organisation's own assessment, no outside recipient"),
    "service_recipients": ("INDIVIDUALS", "recipients of the entity's services"),
    "media": ("MEDIA", None),
    "investors_public": ("SECTOR_REGULATOR", "investors and the public, through an SEC filing"),
    "state_regulator": ("SECTOR_REGULATOR", "state regulator"),
}

# The researcher filed two consumer-protection offices under attorney_general (facts-format.md has no value for
# them); they are not the AG, so they take the reference's precedent for Puerto Rico's DACO: state_regulator.
RECIPIENT_OVERRIDES = {
    "us-hi-ocp": "state_regulator",
    "us-sc-dca": "state_regulator",
}

STARTS = {
    "awareness": "AWARENESS",
    "discovery": "DISCOVERY",
    "discovery_or_notification": "DISCOVERY",
    "detection": "DISCOVERY",
    "noticing": "AWARENESS",
    "knowledge_of_personal_data_involvement": "AWARENESS",
    "knowledge_or_reasonable_belief": "AWARENESS",
    "reasonable_belief": "AWARENESS",
    "reasonable_belief_of_incident": "AWARENESS",
    "determination_of_breach": "DETERMINATION",
    "determination_of_incident": "DETERMINATION",
    "determination_of_notification_incident": "DETERMINATION",
    "reasonable_determination_of_breach": "DETERMINATION",
    "confirmation_and_ascertainment": "DETERMINATION",
    "awareness_of_significant_incident": "CLASSIFIED_SIGNIFICANT",
    "classification_as_major": "CLASSIFIED_MAJOR",
    "determination_of_materiality": "MATERIALITY_DETERMINED",
    "payment_of_extortion": "RANSOM_PAID",
    "payment_of_ransom": "RANSOM_PAID",
    "awareness_and_scope": "ASSESSMENT_COMPLETED",
    "assessment_complete": "ASSESSMENT_COMPLETED",
    "credible_grounds": "SUSPECTED",
    "suspicion": "SUSPECTED",
    "law_enforcement_clearance": "LAW_ENFORCEMENT_CLEARED",
    "notification_of_individuals": "INDIVIDUALS_NOTIFIED",
    "end_of_calendar_year_of_discovery": "END_OF_DISCOVERY_YEAR",
    "authority_request": "AUTHORITY_REQUEST",
}

# Clocks that run from another obligation being done: the reference names the event in words only.
FULFILMENT_STARTS = {
    "nis2-art23-final": ["nis2-art23-notification", "nis2-art23-tsp"],
    "nis2-art23-progress-report": ["nis2-art23-notification", "nis2-art23-tsp"],
    "dora-intermediate": ["dora-initial"],
    "dora-final": ["dora-intermediate"],
    "br-lgpd-supplement": ["br-lgpd-anpd"],
    "sg-pdpa-individuals": ["sg-pdpa-pdpc"],
}

PHASES = {
    "nis2-art23-early-warning": "early warning", "nis2-art23-notification": "incident notification",
    "nis2-art23-tsp": "incident notification (trust services)", "nis2-art23-intermediate": "intermediate report",
    "nis2-art23-progress-report": "progress report", "nis2-art23-final": "final report",
    "dora-initial": "initial notification", "dora-intermediate": "intermediate report", "dora-final": "final report",
    "in-dpdp-board-initial": "initial report", "in-dpdp-board-detailed": "detailed report",
    "jp-appi-preliminary": "preliminary report", "jp-appi-final": "final report",
    "us-vt-ag-preliminary": "preliminary notice", "us-vt-ag-followup": "follow-up notice",
    "br-lgpd-anpd": "initial communication", "br-lgpd-supplement": "supplementary communication",
    "us-nydfs-500.17c-notice": "notice of payment", "us-nydfs-500.17c-explanation": "explanation of payment",
    "us-circia-incident": "incident report", "us-circia-ransom": "ransom payment report",
}

# Notices that must be sent no later than 60 days after discovery even when the individual notice is later.
OUTER_LIMIT_DAYS = {"us-hipaa-hhs-500plus": 60, "us-ftc-hbnr-ftc": 60}

# Which law-enforcement delays pause a clock, and what happens after clearance. California's notice becomes
# "promptly" after clearance; Maine's is replaced by its own 7-business-day rule (us-me-le-delay).
TOLLING = {
    "us-ca-individuals": "STAYS_TOLLED_AFTER_CLEARANCE",
    "us-me-individuals": "STAYS_TOLLED_AFTER_CLEARANCE",
    "us-hipaa-individuals": "RESUMES_AFTER_CLEARANCE",
    "us-sec-8k-item105": "RESUMES_AFTER_CLEARANCE",
    "us-tx-individuals": "RESUMES_AFTER_CLEARANCE",
    "us-ny-individuals": "RESUMES_AFTER_CLEARANCE",
    "us-sec-regsp-individuals": "RESUMES_AFTER_CLEARANCE",
}

REQUIRES_EVENT = {"us-me-le-delay": "LAW_ENFORCEMENT_DELAY_REQUESTED"}

# Rules whose deadline differs by facts the trigger already knows (Japan: 60 days for a possibly unlawful purpose).
VARIANTS = {
    "jp-appi-final": [OrderedDict([
        ("when", OrderedDict([("causes", ["EXTERNAL_ATTACK", "MALICIOUS_INSIDER"]), ("causesStrict", True)])),
        ("clock", OrderedDict([("kind", "CALENDAR_DAYS"), ("start", "DISCOVERY"), ("days", 60)])),
        ("note", "Rules Art. 8(2): 60 days where the breach is possibly committed for an unlawful purpose"),
    ])],
    "us-fl-individuals": [OrderedDict([
        ("event", "EXTENSION_REQUESTED"),
        ("timing", "BY_DEADLINE"),
        ("clock", OrderedDict([("kind", "CALENDAR_DAYS"), ("start", "DETERMINATION"), ("days", 45)])),
        ("note", "501.171(3)(a): 15 more days when good cause is given in writing within the 30 days"),
    ])],
    "nis2-art23-final": [OrderedDict([
        ("event", "INCIDENT_HANDLED"),
        ("timing", "AFTER_DEADLINE"),
        ("clock", OrderedDict([("kind", "MONTHS"), ("start", "INCIDENT_HANDLED"), ("months", 1)])),
        ("note", "Art. 23(4)(e): still ongoing a month after the notification, so one month after handling"),
    ])],
}

# HIPAA's covered-entity duties run from the business associate's report unless it acts as the entity's agent.
HIPAA_CE_ROOT = "us-hipaa-individuals"

CALENDARS = {"US-FEDERAL (SEC business days)": "US-FEDERAL"}


def start_of(rule_id, event):
    if rule_id in FULFILMENT_STARTS:
        return OrderedDict([("fulfilmentOf", FULFILMENT_STARTS[rule_id])])
    if event not in STARTS:
        raise SystemExit(f"{rule_id}: unknown clock_start event '{event}' - add it to STARTS")
    return STARTS[event]


def term_clock(rule_id, start, unit, amount, calendar=None):
    if unit == "hours":
        return OrderedDict([("kind", "ELAPSED"), ("start", start), ("duration", f"PT{amount}H")])
    if unit == "calendar_days":
        return OrderedDict([("kind", "CALENDAR_DAYS"), ("start", start), ("days", amount)])
    if unit == "business_days":
        return OrderedDict([("kind", "BUSINESS_DAYS"), ("start", start), ("days", amount),
                            ("calendar", CALENDARS.get(calendar, calendar))])
    if unit == "calendar_months":
        return OrderedDict([("kind", "MONTHS"), ("start", start), ("months", amount)])
    if unit == "same_time":
        return OrderedDict([("kind", "AT_EVENT"), ("start", start)])
    raise SystemExit(f"{rule_id}: unknown unit '{unit}'")


def clock_of(r):
    rid, d = r["id"], r["deadline"]
    start = start_of(rid, r["clock_start"]["event"])
    kind = d["kind"]
    if kind == "duration":
        return term_clock(rid, start, d["unit"], d["amount"], d.get("business_calendar"))
    if kind == "qualitative":
        c = OrderedDict([("kind", "WITHOUT_FIXED_DEADLINE"), ("start", start), ("standard", d.get("standard"))])
        target = d.get("target")
        if target and target.get("unit") == "calendar_days":
            c["target"] = f"P{target['amount']}D"
        return c
    if kind == "relative":
        relation = d["relation"]
        if relation in ("at_or_after", "without_delaying"):
            return OrderedDict([("kind", "WITHOUT_FIXED_DEADLINE"), ("start", "INDIVIDUALS_NOTIFIED"),
                                ("standard", relation.replace("_", " ") + " the notice to individuals")])
        at_notice = OrderedDict([("kind", "AT_EVENT"), ("start", "INDIVIDUALS_NOTIFIED"), ("relation", relation)])
        if rid in OUTER_LIMIT_DAYS:
            outer = OrderedDict([("kind", "CALENDAR_DAYS"), ("start", "DISCOVERY"), ("days", OUTER_LIMIT_DAYS[rid])])
            return OrderedDict([("kind", "EARLIEST_OF"), ("limits", [at_notice, outer])])
        return at_notice
    if kind == "earliest_of":
        limits = [term_clock(rid, start_of(rid + "#term", t["from"]), t["unit"], t.get("amount"),
                             t.get("business_calendar")) for t in d["terms"]]
        c = OrderedDict([("kind", "EARLIEST_OF"), ("limits", limits)])
        if d.get("late_classification_rule"):
            # DORA: a limit that had already passed when the incident was classified as major does not count.
            c["notBefore"] = "CLASSIFIED_MAJOR"
        return c
    raise SystemExit(f"{rid}: unknown deadline kind '{kind}'")


def status_of(r):
    s = r["status"]
    if s.startswith("in_force"):
        return "IN_FORCE", None
    if s.startswith("adopted_not_yet_effective"):
        return "ADOPTED_NOT_YET_EFFECTIVE", s
    if s == "proposed":
        return "PROPOSED", None
    if s == "draft_bill":
        return "DRAFT", None
    raise SystemExit(f"{r['id']}: unknown status '{s}'")


def threshold_of(r):
    ac = (r.get("thresholds") or {}).get("affected_count")
    if not ac:
        return None
    # When anyOf restates the count, the count is one alternative, not a gate of its own (rule-triggers.md).
    if any("affectedCount" in alt for alt in r["trigger"].get("anyOf", [])):
        return None
    counting = "SINGLE_SUBDIVISION" if "single state" in ac["scope"].lower() else "TOTAL"
    return OrderedDict([("op", ac["op"]), ("value", ac["value"]), ("scope", ac["scope"]), ("counting", counting)])


def controller_duty(r, by_id):
    roles = r["trigger"].get("roles", [])
    if "CONTROLLER" in roles and "PROCESSOR" in roles:
        return True
    if r["id"] == HIPAA_CE_ROOT:
        return True
    dep = r["trigger"].get("dependsOn")
    return bool(dep) and not roles and controller_duty(by_id[dep], by_id)


def text(v):
    if v is None or v == {} or v == "":
        return None
    if isinstance(v, dict):
        return "; ".join(f"{k}: {words(w)}" for k, w in v.items())
    return str(v)


def words(v):
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return "; ".join(words(x) for x in v)
    return str(v)


def convert(r, by_id, researched=False):
    rid = r["id"]
    recipient, detail = RECIPIENTS[RECIPIENT_OVERRIDES.get(rid, r["recipient"])]
    details = [x for x in (detail, r.get("recipient_detail")) if x]
    status, status_note = status_of(r)
    out = OrderedDict()
    out["id"] = rid
    out["jurisdiction"] = JURISDICTIONS.get(r["jurisdiction"], r["jurisdiction"])
    out["law"] = r["law"]
    # One reference rule (sa-pdpl-individuals) has no article; say so rather than leave the field empty.
    out["citation"] = r["citation"] or "article not stated in the reference (see sources)"
    out["appliesTo"] = r.get("applies_to")
    out["recipient"] = recipient
    if details:
        out["recipientDetail"] = "; ".join(details)
    if rid in PHASES:
        out["phase"] = PHASES[rid]
    out["trigger"] = r["trigger"]
    threshold = threshold_of(r)
    if threshold:
        out["threshold"] = threshold
    if text(r.get("safe_harbor")):
        out["safeHarbour"] = text(r.get("safe_harbor"))
    out["status"] = status
    if status_note:
        out["statusNote"] = status_note
    if r.get("effective_from"):
        out["effectiveFrom"] = r["effective_from"]
    if r.get("effective_to"):
        out["effectiveTo"] = r["effective_to"]
    out["clock"] = clock_of(r)
    if rid in VARIANTS:
        out["clockVariants"] = VARIANTS[rid]
    text_all = json.dumps(r["deadline"])
    if "entitySize SMALL" in text_all or "doubled" in text_all:
        out["smallEntityDoubles"] = True
    if rid in TOLLING:
        out["tolling"] = TOLLING[rid]
    if rid in REQUIRES_EVENT:
        out["requiresEvent"] = REQUIRES_EVENT[rid]
    if controller_duty(r, by_id):
        out["controllerDuty"] = True
    out["deadlineText"] = r["deadline"].get("standard")
    if r.get("permitted_delay"):
        out["permittedDelay"] = r["permitted_delay"]
    out["confirmation"] = r["confirmation"]
    if r.get("last_verified"):
        out["lastVerified"] = r["last_verified"]
    out["notes"] = r.get("notes")
    # The researcher records why a figure or wording is unconfirmed in deadline.note; keep it next to the notes.
    if researched and r["deadline"].get("note"):
        out["notes"] = "\n".join(x for x in (r.get("notes"), "Deadline: " + r["deadline"]["note"]) if x)
    out["sources"] = [OrderedDict([("title", s["title"]), ("url", s["url"])]) for s in r.get("sources", [])]
    return OrderedDict((k, v) for k, v in out.items() if v is not None)


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(OrderedDict, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items()))


def header(source):
    return (f"# Generated by tools/rulebook_from_reference.py from {source}.\n"
            f"# Hand-checked; edit the generator's tables rather than this file, then re-run it.\n")


def dump(items):
    return yaml.dump(items, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reference", nargs="?", type=Path,
                        default=ROOT.parent / "shared" / "reference" / "deadline-rules.json")
    parser.add_argument("out", nargs="?", type=Path, default=RULEBOOK)
    parser.add_argument("--extra", type=Path, default=EXTRA_SOURCE,
                        help=f"researched rules in the reference's schema, written to {EXTRA_FILE}")
    parser.add_argument("--no-extra", action="store_true", help="the reference only")
    return parser.parse_args()


def main():
    args = arguments()
    rules = json.loads(args.reference.read_text(encoding="utf-8"))
    extra = [] if args.no_extra else json.loads(args.extra.read_text(encoding="utf-8"))
    clashes = {r["id"] for r in rules} & {r["id"] for r in extra}
    if clashes:
        raise SystemExit(f"{args.extra}: ids already in the reference: {sorted(clashes)}")
    by_id = {r["id"]: r for r in rules + extra}
    files = OrderedDict((name, []) for name in FAMILIES)
    for r in rules:
        converted = convert(r, by_id)
        name = next(n for n, test in FAMILIES.items() if test(converted["jurisdiction"]))
        files[name].append(converted)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, items in files.items():
        (out / name).write_text(header("shared/reference/deadline-rules.json") + dump(items), encoding="utf-8")
        print(f"{name}: {len(items)} rules")
    index = list(files)
    if extra:
        researched = [convert(r, by_id, researched=True) for r in extra]
        unconfirmed = [r["id"] for r in researched if r["confirmation"] != "confirmed"]
        source = args.extra.resolve().relative_to(ROOT) if args.extra.resolve().is_relative_to(ROOT) else args.extra
        note = ("# Researched rules, not in the reference; research notes: docs/research/us-states-notes.md.\n"
                f"# confirmation: unconfirmed = the figure or wording was not read in a primary source "
                f"({len(unconfirmed)} of {len(researched)}):\n"
                + "".join(f"#   {', '.join(unconfirmed[i:i + 6])}\n" for i in range(0, len(unconfirmed), 6)))
        (out / EXTRA_FILE).write_text(header(source) + note + dump(researched), encoding="utf-8")
        print(f"{EXTRA_FILE}: {len(researched)} rules")
        index.insert(index.index(EXTRA_AFTER) + 1, EXTRA_FILE)
    (out / "index").write_text("".join(n + "\n" for n in index), encoding="utf-8")


if __name__ == "__main__":
    main()
