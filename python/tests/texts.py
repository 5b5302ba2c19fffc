"""Texts for the tests, written for them (no corpus text)."""

STORIES = [
    "Kenyan President William Ruto met Lula in Nairobi on Monday.",
    "NAIROBI, March 4 — Foreign ministers of Kenya and Brazil met in Nairobi on Friday "
    "to discuss trade. “We are ready,” Ruto told reporters after the talks.",
    "Prime Minister Élodie Marchetti invited her Iraqi counterpart to visit Lyon next month, "
    "her office said on Tuesday. She did not say whether the two would meet again.",
    "The State Department said on Monday that Deputy Secretary Karen Whitfield would "
    "travel to Amman. A spokesman, James O'Connell, declined to comment.",
    "Officials of the European Union and NATO held talks in Brussels. "
    "The meeting ended without a statement.",
    "Rain fell over the harbour all afternoon.",
    "",
    "Ms. Haddad-Nasser said the Jordanian government welcomed the visit, "
    "adding that “our door is open” to the United Nations.",
    "Ангела? No: Angela Merkel met Emmanuel Macron in Berlin — then Rome.",
]

DATED = [
    ("Talks between Kenya and Uganda resumed in Kampala on Friday.", "2024-05-06"),
    ("The minister will meet union leaders on Thursday, a spokeswoman said.", "2023-11-20"),
    ("Lula met Ruto in Brasília last week.", None),
]
