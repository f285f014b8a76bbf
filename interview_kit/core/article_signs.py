"""The article's eight signs, as data: what each looks like at -2..+2, what it
suggests, and how well it is supported.

Kept apart from the catalog's machinery (core/signals) so that the data reads as a
table and each module stays short.
"""

from __future__ import annotations

from .signal_types import QUESTIONS_SIGNAL, Signal

ARTICLE_SIGNS: tuple[Signal, ...] = (
    Signal(
        id="engagement",
        category="body_language",
        label="Engagement",
        question="How engaged did the interviewer seem while you answered?",
        negative="seemed disinterested",
        positive="nodding, attentive",
        levels=(
            "Looked elsewhere, checked the phone or the clock",
            "Polite but distracted",
            "Neutral, hard to read",
            "Listened and reacted now and then",
            "Nodded, leaned in, clearly followed you",
        ),
        meaning=(
            "An interviewer who nods and stays with you is usually taking in what you "
            "say; one who drifts may have lost interest, or may simply be tired."
        ),
        strength="the interviewer stayed engaged with your answers",
        concern="the interviewer seemed distracted at times",
        default_weight=1.0,
        evidence_level="weak",
        evidence=(
            "Rapport early in an interview is linked, weakly, to later ratings: in one "
            "field study, the impressions interviewers formed during the opening small "
            "talk correlated about r = .22 with internship offers (Barrick, Swider & "
            "Stewart, 2010). You only see hints of that impression, such as nodding."
        ),
    ),
    Signal(
        id="eye_contact",
        category="body_language",
        label="Eye contact",
        question="Did the interviewer keep eye contact with you?",
        negative="avoided eye contact",
        positive="kept eye contact",
        levels=(
            "Hardly looked at you",
            "Looked away more than at you",
            "Ordinary, nothing stood out",
            "Mostly looked at you",
            "Steady, friendly eye contact throughout",
        ),
        meaning=(
            "Steady eye contact tends to go with attention and interest. Habits differ "
            "between people and cultures, and note-taking or a video call lowers it."
        ),
        strength="the interviewer kept good eye contact",
        concern="the interviewer often looked away",
        default_weight=0.75,
        evidence_level="folk",
        evidence=(
            "Common advice, but we know of no published study tying an interviewer's "
            "eye contact to the offer a candidate later gets; read it lightly."
        ),
    ),
    Signal(
        id="follow_ups",
        category="body_language",
        label="Follow-up questions",
        question="Did the interviewer dig into your answers, or move on quickly?",
        negative="quickly dismissed answers",
        positive="asked follow-up questions",
        levels=(
            "Cut answers short and moved on",
            "Few reactions to what you said",
            "Went through the list as planned",
            "Asked a follow-up now and then",
            "Kept asking you to say more",
        ),
        meaning=(
            "Follow-up questions show the interviewer wanted to hear more, while brushed-"
            "off answers can mean doubts. Probing can also mean they were not yet "
            "convinced, so this sign cuts both ways."
        ),
        strength="the interviewer wanted to hear more of your answers",
        concern="some of your answers were passed over quickly",
        default_weight=0.5,
        evidence_level="folk",
        evidence=(
            "Ambiguous: interviewers who had already formed a good impression asked "
            "fewer probing questions and spent more time selling the job (Dougherty, "
            "Turban & Callender, 1994), so many follow-ups are not clearly a good sign."
        ),
    ),
    Signal(
        id="duration",
        category="duration",
        label="Duration",
        question="How long did it run compared with the time booked?",
        negative="ended early",
        positive="ran past the scheduled time",
        levels=(
            "Ended well before the booked time",
            "Ended a little early",
            "Ended about on time",
            "Ran a little over",
            "Ran well over the booked time",
        ),
        meaning=(
            "Running over can mean the interviewer wanted to learn more about you; "
            "ending early can mean they had seen enough, or just had a tight diary."
        ),
        strength="the interview ran over the booked time",
        concern="the interview ended earlier than booked",
        default_weight=1.0,
        evidence_level="folk",
        evidence=(
            "Widely repeated advice; we know of no published study linking an "
            "interview's length to its outcome, and calendars often decide it."
        ),
        derived=True,
    ),
    Signal(
        id=QUESTIONS_SIGNAL,
        category=QUESTIONS_SIGNAL,
        label="Question mix",
        question="What share of the questions were about your past experience?",
        negative="mostly technical questions",
        positive="behavioural questions on past experience",
        levels=(
            "Only technical or skills questions",
            "Mostly technical",
            "An even mix",
            "Mostly about your experience",
            "Almost all about your experience and challenges",
        ),
        meaning=(
            "Questions about your past experience suggest they are picturing you in the "
            "team. A technical focus means they were checking skills first. Either way it "
            "is a weak sign: it counts half as much as the main signs."
        ),
        strength="you were asked about your own experience and challenges",
        concern="the questions stayed mostly on technical skills",
        default_weight=0.5,
        evidence_level="folk",
        evidence=(
            "The mix reflects how the company runs its interviews as much as how you "
            "did, so it is kept as a weak sign with half the weight."
        ),
        derived=True,
    ),
    Signal(
        id="smoothness",
        category="flow",
        label="Smoothness",
        question="Did the conversation flow, or were there awkward silences?",
        negative="awkward silences",
        positive="smooth conversation",
        levels=(
            "Long, awkward silences",
            "A few stiff moments",
            "Neither smooth nor stiff",
            "Mostly easy back and forth",
            "Flowed like a good conversation",
        ),
        meaning=(
            "A conversation that flows suggests you and the interviewer found common "
            "ground; silences can be awkwardness, or just someone taking notes."
        ),
        strength="the conversation flowed well",
        concern="there were some awkward silences",
        default_weight=1.0,
        evidence_level="weak",
        evidence=(
            "Related to rapport, which studies link weakly to later ratings "
            "(Barrick, Swider & Stewart, 2010); your own memory of it may be coloured "
            "by nerves."
        ),
    ),
    Signal(
        id="comfort",
        category="flow",
        label="Comfort",
        question="How comfortable did you feel during the interview?",
        negative="felt pressured",
        positive="felt comfortable",
        levels=(
            "Under heavy pressure throughout",
            "Tense for much of it",
            "Neither at ease nor tense",
            "Mostly at ease",
            "Relaxed and comfortable",
        ),
        meaning=(
            "Feeling at ease usually goes with a friendly interview. Some interviewers "
            "add pressure on purpose, so tension alone says little."
        ),
        strength="you felt comfortable",
        concern="you felt under pressure",
        default_weight=0.75,
        evidence_level="modest",
        evidence=(
            "Interview anxiety goes with somewhat lower rated performance, about "
            "r = -.19 across studies (meta-analysis, Powell, Stanley & Brown, 2018): a "
            "small effect, on interviewers' ratings rather than on offers."
        ),
    ),
    Signal(
        id="ease",
        category="flow",
        label="Answering",
        question="How easily did your answers come?",
        negative="struggled to answer",
        positive="answers came easily, both sides engaged",
        levels=(
            "Struggled with most questions",
            "Stuck on a few questions",
            "Some easy, some hard",
            "Most answers came readily",
            "Answers came easily and both sides were engaged",
        ),
        meaning=(
            "Answers that come easily leave a clear impression; a hard question you "
            "worked through can still count in your favour."
        ),
        strength="your answers came easily",
        concern="some questions were hard to answer",
        default_weight=1.0,
        evidence_level="weak",
        evidence=(
            "Your own sense of how you answered is a rough guide: candidates often "
            "misjudge their performance, in both directions."
        ),
    ),
)
