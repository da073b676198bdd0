"""The 23 persuasion techniques of SemEval-2023 Task 3, their 6 groups, display names and explanations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Technique:
    """One technique: its dataset name, display name, group and a one-line explanation."""

    name: str
    display: str
    group: str
    explanation: str


_TABLE = [
    ("Name_Calling-Labeling", "Name calling / labeling", "attack on reputation",
     "A loaded label for the target (praise or insult) instead of an argument."),
    ("Guilt_by_Association", "Guilt by association", "attack on reputation",
     "Discredits the target by linking it to a group or figure the audience despises."),
    ("Doubt", "Casting doubt", "attack on reputation",
     "Questions the target's credibility or character rather than the substance."),
    ("Appeal_to_Hypocrisy", "Appeal to hypocrisy", "attack on reputation",
     "Attacks the target as hypocritical ('you did the same')."),
    ("Questioning_the_Reputation", "Questioning the reputation", "attack on reputation",
     "Undermines the target's reputation with strong negative claims about character or past."),
    ("Flag_Waving", "Flag waving", "justification",
     "Justifies a position by appeal to group pride or identity (nation, party, religion)."),
    ("Appeal_to_Authority", "Appeal to authority", "justification",
     "Presents a claim as true because an authority or expert says so."),
    ("Appeal_to_Popularity", "Appeal to popularity", "justification",
     "Presents a claim as true or good because 'everyone' agrees or does it."),
    ("Appeal_to_Values", "Appeal to values", "justification",
     "Ties a position to values the audience holds dear (freedom, tradition, justice)."),
    ("Appeal_to_Fear-Prejudice", "Appeal to fear / prejudice", "justification",
     "Builds support by stoking fear or prejudice about the alternative."),
    ("Causal_Oversimplification", "Causal oversimplification", "simplification",
     "Assumes one cause for an outcome that has many."),
    ("False_Dilemma-No_Choice", "False dilemma / no choice", "simplification",
     "Presents two options (or one) as the only possible ones."),
    ("Consequential_Oversimplification", "Consequential oversimplification", "simplification",
     "Claims one step will set off an inevitable chain of (usually bad) consequences."),
    ("Straw_Man", "Straw man", "distraction",
     "Refutes a distorted version of the opponent's position."),
    ("Red_Herring", "Red herring", "distraction",
     "Diverts attention to an irrelevant topic."),
    ("Whataboutism", "Whataboutism", "distraction",
     "Deflects criticism by pointing to the opponent's alleged wrongdoing."),
    ("Slogans", "Slogans", "call",
     "A brief, striking phrase meant to provoke an emotional reaction."),
    ("Conversation_Killer", "Conversation killer", "call",
     "A phrase that discourages critical thought and ends the discussion."),
    ("Appeal_to_Time", "Appeal to time", "call",
     "Argues that the time to act is now ('it is high time')."),
    ("Loaded_Language", "Loaded language", "manipulative wording",
     "Words with strong emotional connotations used to sway the reader."),
    ("Obfuscation-Vagueness-Confusion", "Obfuscation / vagueness", "manipulative wording",
     "Deliberately unclear wording that lets the reader infer what is not said."),
    ("Exaggeration-Minimisation", "Exaggeration / minimisation", "manipulative wording",
     "Makes something seem much bigger or much smaller than it is."),
    ("Repetition", "Repetition", "manipulative wording",
     "Repeats the same message or phrase so it sticks."),
]

TECHNIQUES: dict[str, Technique] = {row[0]: Technique(*row) for row in _TABLE}
GROUPS: tuple[str, ...] = ("attack on reputation", "justification", "simplification", "distraction", "call",
                           "manipulative wording")

#: The 14 PTC span classes (SemEval-2020 Task 11) mapped to the 23-technique names for display.
PTC_TO_TECHNIQUE = {
    "Appeal_to_Authority": "Appeal_to_Authority",
    "Appeal_to_fear-prejudice": "Appeal_to_Fear-Prejudice",
    "Bandwagon,Reductio_ad_hitlerum": "Appeal_to_Popularity",
    "Black-and-White_Fallacy": "False_Dilemma-No_Choice",
    "Causal_Oversimplification": "Causal_Oversimplification",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration-Minimisation",
    "Flag-Waving": "Flag_Waving",
    "Loaded_Language": "Loaded_Language",
    "Name_Calling,Labeling": "Name_Calling-Labeling",
    "Repetition": "Repetition",
    "Slogans": "Slogans",
    "Thought-terminating_Cliches": "Conversation_Killer",
    "Whataboutism,Straw_Men,Red_Herring": "Whataboutism",
}


def technique(name: str) -> Technique:
    """The technique record for a dataset name (unknown names get a generic record)."""
    return TECHNIQUES.get(name) or Technique(name, name.replace("_", " "), "other", "")
