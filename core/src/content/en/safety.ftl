### The safety plan, safe people, crisis lines, care after self-harm, and
### what Ebb keeps and where.

## The plan's steps (Stanley–Brown) and reasons for living.
safety-plan-title = Your safety plan
safety-plan-warning_signs-title = Signs a hard time is starting
safety-plan-warning_signs-prompt = What thoughts, feelings or situations tell you a hard time may be coming? Write them in your own words.
safety-plan-internal_coping-title = Things you can do on your own
safety-plan-internal_coping-prompt = What helps you get through a hard moment without contacting anyone? A song, a walk, a skill that works for you.
safety-plan-distract-title = People and places that take your mind off things
safety-plan-distract-prompt = Who could you spend time with, or where could you go, to feel a little better? A friend, a café, a park, a library.
safety-plan-people-title = People you can ask for help
safety-plan-people-prompt = Who could you tell that you are having a hard time? Add their number, and you can reach them in one step.
safety-plan-professionals-title = Professionals and crisis lines
safety-plan-professionals-prompt = Who can you contact for professional help? Your doctor, a therapist, a local service. Crisis lines for your country are listed here too.
safety-plan-safer_environment-title = Making where you are safer
safety-plan-safer_environment-prompt = What could you put away, give to someone you trust, or keep out of reach during a hard time?
safety-plan-reasons-title = Reasons for living
safety-plan-reasons-prompt = What and who makes life worth living, even a little? Big or small, each one counts.

## Safe people.
safety-person-default_message = Hey, I'm having a hard time. Could you talk for a bit?
safety-action-call = Call
safety-action-text = Text
safety-action-chat = Chat online

## An action in words, for shells that show text rather than buttons:

## a text always names its words and its number together.
safety-action-call_number = Call { $number }
safety-action-text_number = Text { $number }
safety-action-text_words = Text “{ $body }” to { $number }
safety-action-chat_at = Chat online: { $url }

## Crisis lines.
safety-line-kind-crisis = Crisis line
safety-line-kind-urgent = Urgent mental health line
safety-line-kind-support = Support line
safety-line-kind-emergency = Emergency number
safety-line-hours-always = Open day and night, every day
safety-line-note-nhs_111 = Call 111 and choose the mental health option. This is for England and Wales.
safety-line-note-fi_mieli = This number answers in Finnish. MIELI has other numbers, with their own hours, for Swedish, English and other languages.
safety-line-note-pt_sns24 = Call SNS 24 and choose option 4 to talk with a psychologist.
safety-line-note-be_1813 = This line answers in Dutch.
safety-directory-emergency_only = Ebb has no checked crisis line for your country yet. The emergency number is here, and you can add a line you trust.
safety-directory-fallback = Ebb has no checked lines for where you are. In the EU, 112 reaches emergency services. Elsewhere, call your local emergency number. You can add lines you trust.

## The way to crisis help, and the crisis screen.
safety-link-label = Crisis help
safety-link-hint = Opens your safety plan, your people and crisis lines.
safety-ask-ending_life = I am thinking about ending my life
safety-crisis-heading = You do not have to face this alone
safety-crisis-intro = Here are your plan, your people and lines you can call or text. Take it one step at a time.
safety-crisis-emergency_hint = If you are in danger now, call your emergency number.

## The still-strong offer.
safety-offer-still_strong = It is still strong. Would it help to reach someone you trust, or a support line? Only if you want to.
safety-offer-dismiss = Not now

## After self-harm.
safety-ack-needs_care = Thank you for telling Ebb. Nothing else happens because you logged this. Right now, looking after yourself is what matters.
care-injury-title = Looking after the injury
care-injury-wash_hands = Wash your hands first, if you can.
care-injury-rinse = Rinse the area gently with clean running water.
care-injury-pressure = If there is bleeding, press on it firmly with a clean cloth or dressing for 10 minutes.
care-injury-cover = Cover it with a clean dressing or plaster.
care-injury-burn_cool = For a burn, hold it under cool running water for 20 minutes. No ice, creams or butter. Then cover it loosely with cling film or a clean plastic bag.
care-injury-help_now-heading = Get medical help now, by calling your emergency number or going to an emergency department, if:
care-injury-help_now-will_not_stop = the bleeding has not stopped after 10 minutes of firm pressure
care-injury-help_now-deep = it is deep, or its edges gape open
care-injury-help_now-swallowed = you swallowed or took anything, even if you feel fine
care-injury-help_now-faint = you feel faint, dizzy or very unwell
care-injury-help_now-burn = a burn is large or deep, or is on your face, hands, feet or genitals
care-injury-help_soon-heading = See a doctor, nurse or pharmacist soon if:
care-injury-help_soon-infection = it gets hot, swollen, more painful or starts to smell, or you feel feverish
care-injury-help_soon-unsure = you are not sure it is healing as it should
care-injury-healing = While it heals, keep it covered and dry. A pharmacist can advise on caring for the skin and any scars later.
care-injury-you_deserve_care = Health workers see this often. You deserve the same care as anyone else.
care-self-title = Looking after yourself
care-self-water_and_food = Have a drink of water and something to eat.
care-self-warm = Get warm and comfortable.
care-self-someone = If you can, let someone you trust know how you are.
care-self-check_later = If anything changes, or you are not sure, it is fine to get it checked.

## Once, gently.
safety-support_not_treatment = Ebb is support for hard moments. It is not treatment, and it does not replace a doctor or therapist.

## What is stored, where, and what never leaves.
privacy-title = What Ebb keeps
privacy-what = Ebb keeps what you log: your urges and pauses, the skills you try, your notes, your safety plan and your people.
privacy-where = It stays on this device, in an encrypted file. Its key is kept apart from the file, where only you can reach it.
privacy-nothing_leaves = Nothing leaves your device. Ebb has no account, no server and no tracking.
privacy-watch = If you use Ebb on a watch, your phone and watch share your log directly with each other.
privacy-never_contacts = Ebb never contacts anyone for you. When you choose to call or text, your own app opens or the number is shown, and you decide whether to send.
privacy-logging_is_safe = Logging that you hurt yourself is safe. It stays in your log, and nothing else happens.
privacy-your_control = You can export your data, delete an entry, or erase everything at any time.
