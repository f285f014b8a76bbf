"""Signs beyond the article, as data: things candidates notice that the article does
not list, each with where it comes from (research or common advice).

They are optional: a reading counts them only where they were noted, so leaving them
out never lowers the coverage ("based on 8 of 8 signs" stays true).
"""

from __future__ import annotations

from .signal_types import COMMON_ADVICE, RESEARCH, Signal

MORE_SIGNS: tuple[Signal, ...] = (
    Signal(
        id="selling",
        category="body_language",
        label="Selling the job",
        question="Did the interviewer try to win you over to the job or the company?",
        negative="no interest in selling the role",
        positive="sold the job and the company to you",
        levels=(
            "Nothing about why you would want the job",
            "A few dry facts about the role",
            "The usual overview, no more",
            "Spoke warmly about the team or the work",
            "Went out of their way to make the job attractive",
        ),
        meaning=(
            "When an interviewer starts telling you why the place is good, they may be "
            "picturing you there. Some interviewers pitch to everyone, so it is a hint, "
            "not a promise."
        ),
        strength="the interviewer spent time selling you the job",
        concern="the interviewer made no effort to sell you the job",
        default_weight=0.75,
        evidence_level="modest",
        evidence=(
            "In a field study of real interviews, recruiters who already held a good "
            "impression of a candidate spent more of the time promoting the company and "
            "the job (Dougherty, Turban & Callender, 1994)."
        ),
        source=RESEARCH,
    ),
    Signal(
        id="next_steps",
        category="flow",
        label="Next steps",
        question="Did they talk about what comes next: a start date, the next round, "
        "whom you would meet?",
        negative="nothing said about what comes next",
        positive="talked concretely about next steps or a start date",
        levels=(
            "Left it vague, or closed the door",
            "Only the general process",
            "A usual 'we will be in touch'",
            "Said what the next round would be",
            "Discussed a start date or whom you would meet next",
        ),
        meaning=(
            "Concrete talk about the next round or a start date can show that they see "
            "you going further. Well-organised teams tell every candidate the steps."
        ),
        strength="they talked concretely about the next steps",
        concern="nothing was said about what comes next",
        default_weight=0.5,
        evidence_level="folk",
        evidence=(
            "Common advice among recruiters and career coaches; we know of no study "
            "measuring it, so read it lightly."
        ),
        source=COMMON_ADVICE,
    ),
    Signal(
        id="introductions",
        category="duration",
        label="Meeting others",
        question="Were you introduced to others, or was the visit extended?",
        negative="shown out right after the interview",
        positive="introduced to the team, or asked to stay longer",
        levels=(
            "Shown out straight away",
            "A quick goodbye at the door",
            "As planned, nothing more",
            "Met one more person briefly",
            "Introduced around, or the visit was extended",
        ),
        meaning=(
            "Being walked round to meet colleagues, or asked to stay on, suggests they "
            "wanted others to see you. It can also be a plan set for every candidate."
        ),
        strength="you were introduced to others, or the visit ran longer",
        concern="you were shown out right after the interview",
        default_weight=0.5,
        evidence_level="folk",
        evidence=(
            "Common advice; it depends heavily on how the company organises its days, "
            "so treat it as a light hint."
        ),
        source=COMMON_ADVICE,
    ),
)
