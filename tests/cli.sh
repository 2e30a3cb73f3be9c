#!/usr/bin/env bash
# End-to-end tests of the command-line contract on the real binary.
#   tests/cli.sh PATH/TO/rehearse
set -uo pipefail
bin=${1:?usage: cli.sh REHEARSE}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config REHEARSE_HOME=$tmp/home NO_COLOR= TERM=xterm
unset REHEARSE_DATA_DIR XDG_DATA_HOME COLUMNS LINES
passed=0 failed=0

# run NAME EXPECTED_STATUS COMMAND...: runs the command, keeping stdout and
# stderr in $tmp/out and $tmp/err, and checks its exit status.
run() {
    local name=$1 want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [[ $got -ne $want ]]; then
        echo "FAIL $name: exit $got, expected $want"; sed 's/^/  stderr: /' "$tmp/err" | head -5
        failed=$((failed + 1)); return 1
    fi
    passed=$((passed + 1))
}

# same NAME FILE EXPECTED: the file's whole content equals EXPECTED.
same() {
    if [[ "$(cat "$2")" != "$3" ]]; then
        echo "FAIL $1: got:"; sed 's/^/  /' "$2" | head -10; echo "  expected:"; echo "$3" | sed 's/^/  /'
        failed=$((failed + 1)); return 1
    fi
    passed=$((passed + 1))
}

# holds NAME PYTHON_EXPR: the expression is true of `out`, stdout parsed as JSON.
holds() {
    if ! python3 -c "import json,sys; out=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$tmp/out"; then
        echo "FAIL $1: not true of the JSON output: $2"; failed=$((failed + 1)); return 1
    fi
    passed=$((passed + 1))
}

commit=$(git -C "$root" rev-parse --short=7 HEAD 2>/dev/null)
run version 0 "$bin" --version && same version "$tmp/out" "rehearse 0.2.0${commit:+ ($commit)}"
run help 0 "$bin" --help && grep -q "^  check       validate scenario and bank files$" "$tmp/out" \
    && passed=$((passed + 1))
for cmd in run scenarios bank check devices mic sessions show review play export stats resume analyze due delete; do
    run "$cmd --help" 0 "$bin" "$cmd" --help && [[ $(head -1 "$tmp/out") == "Usage: rehearse $cmd"* ]] \
        && passed=$((passed + 1)) || { echo "FAIL $cmd --help: $(head -1 "$tmp/out")"; failed=$((failed + 1)); }
done
run "help run" 0 "$bin" help run && [[ $(head -1 "$tmp/out") == "Usage: rehearse run"* ]] && passed=$((passed + 1))
run unknown-command 2 "$bin" frobnicate && same unknown-command "$tmp/err" \
    "rehearse: unknown command 'frobnicate'; 'rehearse --help' lists the commands"
run unknown-option 2 "$bin" bank --frob
run bad-mode 2 "$bin" run --mode sung --dry-run && same bad-mode "$tmp/err" \
    "rehearse run: --mode must be typed, spoken or mixed (found 'sung')
Try 'rehearse run --help'."
run bad-seed 2 "$bin" run --seed -3 --dry-run

# Every shipped scenario and bank is valid.
run check-shipped 0 "$bin" check "$root"/scenarios/*.yaml "$root"/assets/banks/*.yaml
[[ $(grep -c ": ok: " "$tmp/out") -eq $(ls "$root"/scenarios/*.yaml "$root"/assets/banks/*.yaml | wc -l) ]] \
    && passed=$((passed + 1)) || { echo "FAIL check-shipped: $(cat "$tmp/out")"; failed=$((failed + 1)); }
run check-bank 0 "$bin" check "$root/assets/banks/data-engineering.yaml" && same check-bank "$tmp/out" \
    "$root/assets/banks/data-engineering.yaml: ok: bank 'data-engineering', 12 categories, 51 questions, 12 with model answers, 98 follow-ups"
run check-bad 65 "$bin" check "$root/tests/data/bad/scenario-tab-indent.yaml" && same check-bad "$tmp/err" \
    "$root/tests/data/bad/scenario-tab-indent.yaml:5:1: tab character in indentation; indent with spaces"
run check-missing 1 "$bin" check "$tmp/nope.yaml" && same check-missing "$tmp/err" \
    "$tmp/nope.yaml: cannot open: No such file or directory"
run check-mixed 65 "$bin" check "$tmp/nope.yaml" "$root/tests/data/bad/bank-bad-kind.yaml" "$root/scenarios/quick-15.yaml"
run check-none 2 "$bin" check
# check reports an error of each question and section, up to 20 a file.
printf '%s\n' "id: bad" "title: Bad" "bank: data-engineering" "sections:" "  - title: One" \
    "    limit: 1m" "    questions:" "      - {id: a, text: A, mode: loud}" "      - [x]" \
    "      - {text: B, limit: 0s}" "  - title: Two" "    limit: soon" "    questions: [c]" \
    "  - questions: [d]" >"$tmp/errors.yaml"
run check-errors 65 "$bin" check "$tmp/errors.yaml" && same check-errors "$tmp/err" \
    "$tmp/errors.yaml:8:32: 'mode' must be one of typed, spoken (found \"loud\")
$tmp/errors.yaml:9:9: expected a bank question id or an inline question with text, found a list
$tmp/errors.yaml:10:26: 'limit': a duration must be longer than zero (found \"0s\")
$tmp/errors.yaml:12:12: 'limit': expected a duration such as 90s, 4m, 1m30s, 1h or a number of seconds (found \"soon\")
$tmp/errors.yaml:14:5: missing key 'title' in section"
{ printf '%s\n' "id: bad-bank" "title: Bad" "categories:" "  - {id: alpha, title: A}" "questions:"
  for i in $(seq 25); do echo "  - {category: alpha, text: Q$i}"; done; } >"$tmp/errors-bank.yaml"
run check-errors-most 65 "$bin" check "$tmp/errors-bank.yaml" && same check-errors-most "$tmp/err" \
    "$(for i in $(seq 20); do echo "$tmp/errors-bank.yaml:$((i + 5)):5: missing key 'id' in question"; done)"

# An inline question without an id is given one, and check says which.
printf '%s\n' "id: my-scenario" "title: Mine" "bank: data-engineering" "budget: 10m" "sections:" \
    "  - title: One" "    limit: 2m" "    questions:" "      - id: own-one" "        text: Mine?" \
    "  - title: Two" "    limit: 2m" "    questions:" "      - text: Without an id?" >"$tmp/mine.yaml"
run check-derived-id 0 "$bin" check "$tmp/mine.yaml" && same check-derived-id "$tmp/out" \
    "$tmp/mine.yaml:14:9: the question has no id; it is asked as my-scenario-s2-q1
$tmp/mine.yaml: ok: scenario 'my-scenario', 2 questions, 4m of 10m"
sed -i 's/id: own-one/id: my-scenario-s2-q1/' "$tmp/mine.yaml"
run check-derived-clash 65 "$bin" check "$tmp/mine.yaml" && same check-derived-clash "$tmp/err" \
    "$tmp/mine.yaml:14:9: question 'my-scenario-s2-q1' is listed twice (first at line 9); an inline question without an id is asked as SCENARIO-sSECTION-qN: give it an id"

# The bank.
run bank-json 0 "$bin" bank --json
holds bank-categories "len(out['categories']) == 12 and out['id'] == 'data-engineering'"
holds bank-questions "len(out['questions']) == 51 and len({q['id'] for q in out['questions']}) == 51"
holds bank-model-answers "sum(1 for q in out['questions'] if q['model_answer']) == 12"
holds bank-key-terms "all(q['key_terms'] and q['key_points'] for q in out['questions'] if q['model_answer'])"
holds bank-fields "all(set(q) - {'follow_ups', 'key_term_alternatives'} == {'id','category','kind','suggested_time_s','text','model_answer','key_points','key_terms'} for q in out['questions'])"
holds bank-follow-ups "sum(len(q.get('follow_ups', [])) for q in out['questions']) == 98 and out['questions'][0]['follow_ups'][2] == {'text': 'Your consumers fall two hours behind the producers. What do you look at first, and how do you catch up without flooding the sink?', 'when_missing': [], 'limit_s': 120}"
holds bank-alternatives "[(q['key_terms'][6], q['key_term_alternatives'][6]) for q in out['questions'] if q['id'] == 'store-sql-vs-nosql'] == [('scale horizontally', ['horizontal scaling', 'scale out'])] and all(len(q['key_term_alternatives']) == len(q['key_terms']) for q in out['questions'] if 'key_term_alternatives' in q)"
run bank-category 0 "$bin" bank --category storage --json
holds bank-category "out['questions'] and all(q['category'] == 'storage' for q in out['questions'])"
run bank-text 0 "$bin" bank --category case-studies
grep -q "case-study" "$tmp/out" && ! grep -q $'\033' "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL bank-text"; failed=$((failed + 1)); }
# The text wraps at words under its column, or under the id on a narrow screen.
run bank-80 0 env COLUMNS=80 "$bin" bank --category case-studies && same bank-80 "$tmp/out" "Senior data engineering (51 questions, * = with model answer)

Case Studies & Problem Solving [case-studies]
  case-billions-transactions   case-study    8m  Suppose you are given a dataset
                                                 containing billions of rows of
                                                 transaction data. How would you
                                                 design a solution to process
                                                 and analyze this data
                                                 efficiently?
  case-iot-sensors             case-study    8m  Given a company that collects
                                                 real-time sensor data from
                                                 thousands of devices, how would
                                                 you architect a solution to
                                                 ingest, process, and store this
                                                 data in a way that allows for
                                                 quick insights and scalability?"
run bank-60 0 env COLUMNS=60 "$bin" bank --category case-studies && same bank-60 "$tmp/out" "Senior data engineering (51 questions, * = with model answer)

Case Studies & Problem Solving [case-studies]
  case-billions-transactions   case-study    8m
    Suppose you are given a dataset containing billions of
    rows of transaction data. How would you design a
    solution to process and analyze this data efficiently?
  case-iot-sensors             case-study    8m
    Given a company that collects real-time sensor data from
    thousands of devices, how would you architect a solution
    to ingest, process, and store this data in a way that
    allows for quick insights and scalability?"
run bank-pipe 0 "$bin" bank --category case-studies && [[ $(wc -l <"$tmp/out") == 5 ]] && passed=$((passed + 1)) \
    || { echo "FAIL bank-pipe: $(cat "$tmp/out")"; failed=$((failed + 1)); }
run bank-bad-category 2 "$bin" bank --category nope
grep -q "unknown category 'nope'; the categories are: architecture, " "$tmp/err" && passed=$((passed + 1)) \
    || { echo "FAIL bank-bad-category: $(cat "$tmp/err")"; failed=$((failed + 1)); }

# Scenarios, built-in and the user's own.
run scenarios-json 0 "$bin" scenarios --json
holds scenarios-builtin "{s['id'] for s in out} >= {'data-engineering-45','quick-15','fundamentals','case-study-20','system-design-30'}"
holds scenarios-default "[s for s in out if s['id'] == 'data-engineering-45'][0]['budget_s'] == 2700 and [s for s in out if s['id'] == 'data-engineering-45'][0]['modes'] == ['typed', 'spoken']"
holds scenarios-quick "[s for s in out if s['id'] == 'quick-15'][0]['questions'] == 5"
mkdir -p "$XDG_CONFIG_HOME/rehearse/scenarios"
cat >"$XDG_CONFIG_HOME/rehearse/scenarios/mine.yaml" <<'YAML'
id: mine
title: My own drill
bank: data-engineering
budget: 4m
sections:
  - title: Only
    questions:
      - id: proud-pipeline
        text: Tell me about a pipeline you are proud of.
        limit: 2m
YAML
printf 'id: broken\n' >"$XDG_CONFIG_HOME/rehearse/scenarios/broken.yaml"
run scenarios-user 0 "$bin" scenarios --json
holds scenarios-user "[s for s in out if s['id'] == 'mine'][0]['origin'] == 'user'"
grep -q "^rehearse: skipping $XDG_CONFIG_HOME/rehearse/scenarios/broken.yaml:1:1: missing key 'title' in the scenario$" "$tmp/err" \
    && passed=$((passed + 1)) || { echo "FAIL scenarios-broken: $(cat "$tmp/err")"; failed=$((failed + 1)); }
# The user's own first, marked, as the help says.
run scenarios-table 0 "$bin" scenarios && same scenarios-table "$tmp/out" "  ID                    BUDGET  QUESTIONS  MODES         TITLE
* mine                       4m          1  typed         My own drill
  case-study-20             20m          2  spoken        Case studies, 20 minutes
  data-engineering-45       45m         10  typed+spoken  Senior data engineer, 45 minutes
  fundamentals              40m         12  typed         Fundamentals with model answers
  quick-15                  15m          5  typed         Quick drill, 15 minutes
  system-design-30          30m          5  typed+spoken  System design, 30 minutes

* your own scenario"

# Dry runs: the plan of a draw, reproducible with --seed.
run dry-run 0 "$bin" run --dry-run --seed 7
cp "$tmp/out" "$tmp/first"
run dry-run-again 0 "$bin" run data-engineering-45 --dry-run --seed 7 && cmp -s "$tmp/out" "$tmp/first" \
    && passed=$((passed + 1)) || { echo "FAIL dry-run reproducible"; failed=$((failed + 1)); }
run dry-run-json 0 "$bin" run --dry-run --json --seed 7
holds dry-run-count "len(out['questions']) == 10 and out['seed'] == 7 and out['budget_s'] == 2700"
holds dry-run-fits "sum(q['limit_s'] for q in out['questions']) <= 2700"
holds dry-run-unique "len({q['question_id'] for q in out['questions']}) == 10"
run dry-run-typed 0 "$bin" run --dry-run --json --seed 7 --mode typed
holds dry-run-typed "all(q['mode'] == 'typed' for q in out['questions'])"
run dry-run-file 0 "$bin" run "$XDG_CONFIG_HOME/rehearse/scenarios/mine.yaml" --dry-run --json
holds dry-run-file "out['questions'][0]['question_id'] == 'proud-pipeline' and out['questions'][0]['limit_s'] == 120"
run dry-run-unknown 65 "$bin" run nope --dry-run && same dry-run-unknown "$tmp/err" \
    "rehearse: no scenario 'nope'; \`rehearse scenarios\` lists them, or give a file path"
run json-needs-dry-run 2 "$bin" run --json

# Sessions named on the command line.
run play-no-sessions 65 "$bin" play last && same play-no-sessions "$tmp/err" \
    "rehearse: no session 'last': there are no sessions yet; \`rehearse run\` starts one"
run play-usage 2 "$bin" play
# Every command taking a SESSION reads its arguments alike (cli_session_open).
for cmd in show export review resume play analyze; do
    case $cmd in
        play | analyze) usage="give a session (an id or 'last') and N" extra=(last 1 2) ;;
        *) usage="give one session: an id or 'last'" extra=(last 1) ;;
    esac
    run "$cmd-no-session" 2 "$bin" $cmd && same "$cmd-no-session" "$tmp/err" \
        "rehearse $cmd: $usage
Try 'rehearse $cmd --help'."
    run "$cmd-too-many" 2 "$bin" $cmd "${extra[@]}" && same "$cmd-too-many" "$tmp/err" \
        "rehearse $cmd: $usage
Try 'rehearse $cmd --help'."
    run "$cmd-empty-session" 2 "$bin" $cmd "" $([[ $cmd == export ]] && echo --format=md) &&
        same "$cmd-empty-session" "$tmp/err" \
            "rehearse: the session is empty: give an id, a unique prefix of one, or 'last'"
    run "$cmd-unknown-option" 2 "$bin" $cmd --frob last
done
for cmd in play analyze; do
    for n in 0 x 10001; do
        run "$cmd-bad-n-$n" 2 "$bin" $cmd last $n && same "$cmd-bad-n-$n" "$tmp/err" \
            "rehearse $cmd: N must be an answer number (found '$n')
Try 'rehearse $cmd --help'."
    done
done
run export-no-format 2 "$bin" export last && same export-no-format "$tmp/err" \
    "rehearse export: --format must be md, html or json
Try 'rehearse export --help'."
mkdir -p "$REHEARSE_HOME/sessions/20261101-100000-quick-15" "$REHEARSE_HOME/sessions/20261102-100000-quick-15"
ln -s /tmp "$REHEARSE_HOME/sessions/20261103-100000-link"
run play-ambiguous 65 "$bin" play 202611 && same play-ambiguous "$tmp/err" \
    "rehearse: '202611' matches 2 sessions; give more of the id"
run play-damaged 1 "$bin" play 20261102 && same play-damaged "$tmp/err" \
    "rehearse: cannot read $REHEARSE_HOME/sessions/20261102-100000-quick-15/session.json: No such file or directory"

# Hostile input: a 10 MB string, binary junk, a session.json that is a
# symbolic link out of its directory, a session directory that is one.
python3 -c "print('id: big\ntitle: ' + 'x' * 10_000_000)" >"$tmp/big.yaml"
run hostile-10mb 65 "$bin" check "$tmp/big.yaml" && same hostile-10mb "$tmp/err" \
    "$tmp/big.yaml:1:1: file is larger than 1024 KiB"
python3 -c "import random, sys; r = random.Random(7); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4096)))" >"$tmp/junk.yaml"
run hostile-junk 65 "$bin" check "$tmp/junk.yaml" && same hostile-junk "$tmp/err" \
    "$tmp/junk.yaml:1:1: invalid UTF-8 (byte 0xa5); save the file as UTF-8"
hostile=$tmp/hostile
mkdir -p "$hostile/sessions/20261104-100000-quick-15" "$tmp/elsewhere/20261105-100000-quick-15"
cp "$root/tests/data/sessions/20261121-090000-quick-15/session.json" "$tmp/elsewhere/outside.json"
cp "$tmp/elsewhere/outside.json" "$tmp/elsewhere/20261105-100000-quick-15/session.json"
ln -s "$tmp/elsewhere/outside.json" "$hostile/sessions/20261104-100000-quick-15/session.json"
ln -s "$tmp/elsewhere/20261105-100000-quick-15" "$hostile/sessions/20261105-100000-quick-15"
REHEARSE_HOME=$hostile run hostile-rate 0 "$bin" review 20261104 --unrated < <(printf '1\n\nq\n')
cmp -s "$tmp/elsewhere/outside.json" "$root/tests/data/sessions/20261121-090000-quick-15/session.json" \
    && [[ -f "$hostile/sessions/20261104-100000-quick-15/session.json" && ! -L "$hostile/sessions/20261104-100000-quick-15/session.json" ]] \
    && passed=$((passed + 1)) || { echo "FAIL hostile-rate: the link was written through"; failed=$((failed + 1)); }
REHEARSE_HOME=$hostile run hostile-dir-link 65 "$bin" review 20261105
grep -q "^rehearse: no session '20261105'; " "$tmp/err" && passed=$((passed + 1)) \
    || { echo "FAIL hostile-dir-link: $(cat "$tmp/err")"; failed=$((failed + 1)); }

# Past sessions: listing, damaged entries, show, export, review.
rm -rf "$REHEARSE_HOME/sessions"
mkdir -p "$REHEARSE_HOME"
cp -r "$root/tests/data/sessions" "$REHEARSE_HOME/sessions"
run sessions 0 "$bin" sessions
cp "$tmp/out" "$tmp/sessions.txt"
# A pipe gets whole rows; COLUMNS fits them: the date goes first, the title
# is cut with an ellipsis, then the mode, rating and time go, then the title.
same sessions-table "$tmp/out" "ID                            DATE              SCENARIO                         MODE   DONE        TIME  RATING  STATUS
20261121-090000-quick-15      2026-11-21 09:00  Quick drill, 15 minutes          typed   3/5  6:03/15:00     3.3  completed
20261120-100000-fundamentals  2026-11-20 10:00  Fundamentals with model answers  typed  2/12  3:57/40:00       -  aborted"
run sessions-110 0 env COLUMNS=110 "$bin" sessions && same sessions-110 "$tmp/out" "ID                            DATE              SCENARIO            MODE   DONE        TIME  RATING  STATUS
20261121-090000-quick-15      2026-11-21 09:00  Quick drill, 15 m…  typed   3/5  6:03/15:00     3.3  completed
20261120-100000-fundamentals  2026-11-20 10:00  Fundamentals with…  typed  2/12  3:57/40:00       -  aborted"
run sessions-80 0 env COLUMNS=80 "$bin" sessions && same sessions-80 "$tmp/out" "ID                            SCENARIO       DONE        TIME  RATING  STATUS
20261121-090000-quick-15      Quick drill,…   3/5  6:03/15:00     3.3  completed
20261120-100000-fundamentals  Fundamentals…  2/12  3:57/40:00       -  aborted"
run sessions-50 0 env COLUMNS=50 "$bin" sessions && same sessions-50 "$tmp/out" "ID                            DONE  STATUS
20261121-090000-quick-15       3/5  completed
20261120-100000-fundamentals  2/12  aborted"
same sessions-damaged "$tmp/err" "rehearse: skipping $REHEARSE_HOME/sessions/notes.txt: not a session directory
rehearse: skipping $REHEARSE_HOME/sessions/20261122-090000-future/session.json:1:1: unknown session format 2; this rehearse reads format 1
rehearse: skipping $REHEARSE_HOME/sessions/20261122-080000-broken/session.json:4:20: premature end of input near '\"in-prog'"
run sessions-json 0 "$bin" sessions --json
holds sessions-json "[s['id'] for s in out] == ['20261121-090000-quick-15', '20261120-100000-fundamentals'] and out[0]['status'] == 'completed' and out[1]['status'] == 'aborted'"
holds sessions-fields "out[0]['answered'] == 3 and out[0]['planned'] == 5 and abs(out[0]['rating'] - 10/3) < 1e-9 and out[1]['rating'] is None and out[0]['mode'] == 'typed'"
# Listed again, from sessions-index.json: the same table, the same notices.
run sessions-indexed 0 "$bin" sessions
cmp -s "$tmp/out" "$tmp/sessions.txt" && [[ $(stat -c %a "$REHEARSE_HOME/sessions-index.json") == 600 ]] \
    && [[ $(grep -c skipping "$tmp/err") == 3 ]] && passed=$((passed + 1)) || { echo "FAIL sessions-indexed"; failed=$((failed + 1)); }
# --limit, or the height of the screen, lists the newest; one line says the rest.
more="1 more session; \`rehearse sessions --limit 0\` lists them all."
run sessions-limit 0 "$bin" sessions --limit 1 && same sessions-limit "$tmp/out" "ID                        DATE              SCENARIO                 MODE   DONE        TIME  RATING  STATUS
20261121-090000-quick-15  2026-11-21 09:00  Quick drill, 15 minutes  typed   3/5  6:03/15:00     3.3  completed
$more"
run sessions-lines 0 env LINES=4 "$bin" sessions && same sessions-lines "$tmp/out" "ID                        DATE              SCENARIO                 MODE   DONE        TIME  RATING  STATUS
20261121-090000-quick-15  2026-11-21 09:00  Quick drill, 15 minutes  typed   3/5  6:03/15:00     3.3  completed
$more"
run sessions-limit-all 0 env LINES=4 "$bin" sessions --limit 0 && cmp -s "$tmp/out" "$tmp/sessions.txt" \
    && passed=$((passed + 1)) || { echo "FAIL sessions-limit-all"; failed=$((failed + 1)); }
run sessions-limit-json 0 "$bin" sessions --limit 1 --json
holds sessions-limit-json "[s['id'] for s in out] == ['20261121-090000-quick-15']"
run sessions-limit-bad 2 "$bin" sessions --limit -1 && same sessions-limit-bad "$tmp/err" "rehearse sessions: --limit must be a number of sessions, 0 for all (found '-1')
Try 'rehearse sessions --help'."

# delete: asks on a terminal, refuses a pipe without --yes, drops the index entry.
del=$tmp/del
mkdir -p "$del" && cp -r "$root/tests/data/sessions" "$del/sessions" && REHEARSE_HOME=$del "$bin" sessions >/dev/null 2>&1
run delete-pipe 2 env REHEARSE_HOME="$del" "$bin" delete last && same delete-pipe "$tmp/err" "rehearse delete: not deleting without asking: give --yes to delete from a script
Try 'rehearse delete --help'."
ask="Delete session 20261121-090000-quick-15 (Quick drill, 15 minutes, 5 answers, 0 recordings)? [y/N]"
# Answers the question on a terminal once it is on the screen (however slow
# the program is to ask, under valgrind too).
answer_delete() {
    : >"$tmp/out"
    (for _ in $(seq 600); do grep -qF '[y/N]' "$tmp/out" && break; sleep 0.05; done; printf '%s\n' "$1") \
        | REHEARSE_HOME=$del script -qfec "$bin delete 20261121" /dev/null | stdbuf -o0 tr -d '\r' >"$tmp/out"
    return "${PIPESTATUS[1]}"
}
answer_delete n
[[ $? == 1 && -f $del/sessions/20261121-090000-quick-15/session.json ]] \
    && same delete-declined "$tmp/out" "$ask n
Kept 20261121-090000-quick-15." || { echo "FAIL delete-declined: $(cat "$tmp/out")"; failed=$((failed + 1)); }
answer_delete y
[[ $? == 0 && ! -e $del/sessions/20261121-090000-quick-15 ]] \
    && same delete-confirmed "$tmp/out" "$ask y
Deleted 20261121-090000-quick-15." || { echo "FAIL delete-confirmed: $(cat "$tmp/out")"; failed=$((failed + 1)); }
cp -r "$root/tests/data/sessions/20261121-090000-quick-15" "$del/sessions/" && touch "$del/sessions/20261121-090000-quick-15/01-x.wav"
REHEARSE_HOME=$del "$bin" sessions >/dev/null 2>&1
run delete-yes 0 env REHEARSE_HOME="$del" "$bin" delete last --yes && same delete-yes "$tmp/out" "Deleted 20261121-090000-quick-15."
python3 -c "import json,sys; sys.exit(0 if list(json.load(open(sys.argv[1]))['sessions']) == ['20261120-100000-fundamentals'] else 1)" "$del/sessions-index.json" \
    && [[ $(ls -A "$del/sessions" | tr '\n' ' ') == "20261120-100000-fundamentals 20261122-080000-broken 20261122-090000-future notes.txt " ]] \
    && passed=$((passed + 1)) || { echo "FAIL delete-index: $(ls -A "$del/sessions")"; failed=$((failed + 1)); }
run delete-none 65 env REHEARSE_HOME="$del" "$bin" delete nope --yes && same delete-none "$tmp/err" "rehearse: no session 'nope'; \`rehearse sessions\` lists them"
run show 0 "$bin" show 20261120
grep -qx "# Fundamentals with model answers" "$tmp/out" && grep -qx "A data lake keeps raw data in its raw form; a warehouse keeps structured data for OLAP." "$tmp/out" \
    && ! grep -q $'\033' "$tmp/out" && passed=$((passed + 1)) || { echo "FAIL show"; failed=$((failed + 1)); }
# On a terminal the Markdown is rendered: wrapped to the width, the label in
# bold, the question behind a bar, no Markdown marks; NO_COLOR keeps the
# layout without escape sequences; --raw gives the Markdown.
on_tty() { COLUMNS=50 PAGER=cat script -qfec "$*" /dev/null </dev/null | tr -d '\r'; }
on_tty "$bin show 20261120" >"$tmp/out"
grep -qx $'\033\\[1mYour answer\033\\[0m (typed)' "$tmp/out" \
    && grep -qx $'\033\\[36m\u2502 \033\\[0mand a data lake.' "$tmp/out" \
    && grep -qx "A data lake keeps raw data in its raw form; a" "$tmp/out" \
    && ! grep -q '\*\*' "$tmp/out" && [[ $(awk '{ if (length($0) > max) max = length($0) } END { print max }' <(sed $'s/\033\\[[0-9;]*m//g; s/\u2502/|/g; s/\u2022/*/g; s/\u2500/-/g' "$tmp/out")) -le 50 ]] \
    && passed=$((passed + 1)) || { echo "FAIL show-rendered: $(head -14 "$tmp/out" | cat -v)"; failed=$((failed + 1)); }
NO_COLOR=1 on_tty "$bin show 20261120" >"$tmp/out"
grep -qx "Your answer (typed)" "$tmp/out" && grep -qx $'\u2502 and a data lake.' "$tmp/out" && ! grep -q $'\033' "$tmp/out" \
    && passed=$((passed + 1)) || { echo "FAIL show-rendered-no-color: $(head -14 "$tmp/out" | cat -v)"; failed=$((failed + 1)); }
on_tty "$bin show --raw 20261120" >"$tmp/out"
grep -qx '\*\*Your answer\*\* (typed)' "$tmp/out" && grep -qx "A data lake keeps raw data in its raw form; a warehouse keeps structured data for OLAP." "$tmp/out" \
    && passed=$((passed + 1)) || { echo "FAIL show-raw: $(head -14 "$tmp/out" | cat -v)"; failed=$((failed + 1)); }
run export-md 0 "$bin" export last --format md
cp "$tmp/out" "$tmp/export.md"
run export-md-file 0 "$bin" export last --format md -o "$tmp/export2.md"
cmp -s "$tmp/export.md" "$tmp/export2.md" && [[ $(stat -c %a "$tmp/export2.md") == 600 ]] && passed=$((passed + 1)) \
    || { echo "FAIL export -o"; failed=$((failed + 1)); }
run export-json 0 "$bin" export 20261121 --format json
python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(a != b)" \
    "$tmp/out" "$REHEARSE_HOME/sessions/20261121-090000-quick-15/session.json" && passed=$((passed + 1)) \
    || { echo "FAIL export-json differs from session.json"; failed=$((failed + 1)); }
run export-html 0 "$bin" export 20261121 --format html
python3 - "$tmp/out" "$REHEARSE_HOME/sessions/20261121-090000-quick-15/session.json" <<'PY' && passed=$((passed + 1)) || { echo "FAIL export-html"; failed=$((failed + 1)); }
import html, json, sys
page, s = open(sys.argv[1]).read(), json.load(open(sys.argv[2]))
assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "http" not in page.split("</style>")[0]
for a in s["answers"]:
    assert html.escape(a["question"]) in page, a["question"]
PY
run export-bad-format 2 "$bin" export last --format pdf
# No export replaces a file of a session directory, through a link or not;
# a new file there is fine.
qdir=$REHEARSE_HOME/sessions/20261121-090000-quick-15
cp "$qdir/session.json" "$tmp/session.before"
run export-over-session 1 "$bin" export 20261121 --format md -o "$qdir/session.json"
same export-over-session "$tmp/err" "rehearse: refusing to replace $qdir/session.json: it is a file of session 20261121-090000-quick-15; choose a new name"
ln -s "$qdir/session.json" "$tmp/link.json"
run export-over-link 1 "$bin" export 20261121 --format json -o "$tmp/link.json"
(cd "$qdir" && run export-over-relative 1 "$bin" export 20261121 --format md -o ./session.json)
cmp -s "$qdir/session.json" "$tmp/session.before" && passed=$((passed + 1)) \
    || { echo "FAIL export-over: session.json changed"; failed=$((failed + 1)); }
run export-beside 0 "$bin" export 20261121 --format html -o "$qdir/report.html"
[[ -s "$qdir/report.html" ]] && passed=$((passed + 1)) || { echo "FAIL export-beside"; failed=$((failed + 1)); }
rm -f "$qdir/report.html"
run export-empty-output 2 "$bin" export 20261121 --format html -o "" && same export-empty-output "$tmp/err" \
    "rehearse export: -o needs a file or a folder/ to write to
Try 'rehearse export --help'."
run export-folder-md 2 "$bin" export 20261121 --format md -o "$tmp/folder/" && same export-folder-md "$tmp/err" \
    "rehearse export: -o DIR/ is for --format html; name a file
Try 'rehearse export --help'."
# Output that cannot be written is a failure, not a silent loss.
for args in "show last" "sessions --json" "scenarios" "bank" "stats" "export last --format md" "--help"; do
    # shellcheck disable=SC2086
    run "full-$args" 1 sh -c 'exec "$0" "$@" >/dev/full' "$bin" $args
    [[ $(cat "$tmp/err") == *"rehearse: cannot write standard output: No space left on device" ]] \
        && passed=$((passed + 1)) || { echo "FAIL full-$args: $(cat "$tmp/err")"; failed=$((failed + 1)); }
done
run empty-session 2 "$bin" show ""
same empty-session "$tmp/err" "rehearse: the session is empty: give an id, a unique prefix of one, or 'last'"
# A temporary file left by a writer that was killed goes when the lock is next taken.
touch "$qdir/.session.json.Ab3dE9.tmp" "$qdir/.transcript.md.zZ09aB.tmp" "$qdir/.notes.tmp"
# Review through a pipe: only the unrated answers, a rating and a note saved.
run review-unrated 0 "$bin" review 20261121 --unrated < <(printf '4\nbetter with examples\nq\n')
[[ $(grep "^\[[0-9]/5\]" "$tmp/out" | cut -c1-5 | tr '\n' ' ') == "[3/5] [4/5] " ]] && passed=$((passed + 1)) \
    || { echo "FAIL review-unrated shows: $(grep '^\[' "$tmp/out")"; failed=$((failed + 1)); }
[[ -z $(ls -A "$qdir" | grep -e '^\.session\.json\..*\.tmp$' -e '^\.transcript\.md\..*\.tmp$') && -e $qdir/.notes.tmp ]] \
    && passed=$((passed + 1)) || { echo "FAIL stale temporaries: $(ls -A "$qdir")"; failed=$((failed + 1)); }
rm -f "$qdir/.notes.tmp"
run review-saved 0 "$bin" export 20261121 --format json
holds review-saved "[a['rating'] for a in out['answers']] == [3, 2, 4, None, 5] and out['answers'][2]['note'] == 'better with examples'"
run review-listed 0 "$bin" sessions --json
holds review-listed "abs(out[0]['rating'] - 14/4) < 1e-9"
run review-model 0 "$bin" review 20261120 < /dev/null
grep -qx "Model answer" "$tmp/out" && grep -q "^Key terms missed: \[a\] data warehouse  \[b\] reporting  \[c\] semi-structured" "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL review-model"; failed=$((failed + 1)); }
run stats-json 0 "$bin" stats --json
# arch-batch-vs-stream of 20261120, aborted with nothing typed after 12 s,
# is left out of the time and of the answers of its category.
holds stats-totals "out['sessions'] == 2 and abs(out['minutes'] - 589.2 / 60) < 1e-3"
holds stats-categories "{c['category']: (c['answers'], c['rating']) for c in out['categories']} == {'architecture': (2, 3.0), 'pipelines': (2, 2.0), 'storage': (1, 4.0), 'processing': (1, None), 'monitoring': (1, 5.0)}"
holds stats-trend "[c['trend'] for c in out['categories'] if c['category'] == 'storage'] == [[None, 4.0]]"
holds stats-weakest "[q['question_id'] for q in out['weakest']][:3] == ['etl-tools-choice', 'arch-warehouse-vs-lake', 'store-nosql-experience']"
# The index does not keep the questions' text: it is read from the sessions.
holds stats-weakest-text "out['weakest'][1]['question'] == 'Explain the difference between a data warehouse and a data lake.' and all(q['question'] for q in out['weakest'])"
run stats-table 0 "$bin" stats
grep -q "^storage  *1  *4.0  *-  *2%  *·▅$" "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL stats-table: $(grep storage "$tmp/out")"; failed=$((failed + 1)); }

# The practice schedule: what is due, weakest first, then a few new questions;
# schedule.json is rebuilt when damaged; run --weakest asks the same.
REHEARSE_TODAY=2026-11-22 run due-json 0 "$bin" due --json
holds due-order "[(d['question_id'], d['reason']) for d in out['due']] == [('proc-event-driven', 'due'), ('arch-warehouse-vs-lake', 'due'), ('etl-tools-choice', 'due'), ('etl-best-practices', 'due'), ('store-nosql-experience', 'due'), ('mon-pipeline-health', 'due'), ('store-sql-vs-nosql', 'new'), ('arch-distributed-vs-centralized', 'new'), ('proc-low-latency-streaming', 'new')]"
holds due-fields "(lambda d: out['today'] == '2026-11-22' and d['arch-warehouse-vs-lake']['ease'] == 2.04 and d['arch-warehouse-vs-lake']['interval_days'] == 1 and d['etl-best-practices']['days_late'] == 1 and d['store-sql-vs-nosql']['due'] is None and out['later'] == 0)({x['question_id']: x for x in out['due']})"
cp "$tmp/out" "$tmp/due.json"
# Without --seed, run --weakest asks what due lists, in its order.
REHEARSE_TODAY=2026-11-22 run due-weakest-agree 0 "$bin" run --weakest 9 --dry-run --json
holds due-weakest-agree "[q['question_id'] for q in out['questions']] == [d['question_id'] for d in json.load(open('$tmp/due.json'))['due']]"
[[ $(stat -c %a "$REHEARSE_HOME/schedule.json") == 600 ]] && cp "$REHEARSE_HOME/schedule.json" "$tmp/schedule.json" \
    && passed=$((passed + 1)) || { echo "FAIL schedule.json mode"; failed=$((failed + 1)); }
printf '{"format": 1, "bank": ' >"$REHEARSE_HOME/schedule.json"
REHEARSE_TODAY=2026-11-22 run due-damaged 0 "$bin" due --json
grep -qx "rehearse: $REHEARSE_HOME/schedule.json could not be read; it was rebuilt from your sessions" "$tmp/err" \
    && cmp -s "$tmp/schedule.json" "$REHEARSE_HOME/schedule.json" && passed=$((passed + 1)) \
    || { echo "FAIL due-damaged: $(cat "$tmp/err")"; failed=$((failed + 1)); }
REHEARSE_TODAY=2026-11-29 run due-later 0 "$bin" due
grep -q "^  cloud-platforms-compared  *cloud  *new: never answered$" "$tmp/out" \
    && grep -q "^  arch-warehouse-vs-lake  *architecture  *due 2026-11-22 (7 days late), last grade 3/5, ease 2.04$" "$tmp/out" \
    && passed=$((passed + 1)) || { echo "FAIL due-later"; failed=$((failed + 1)); }
# A day with nothing due says why, with the schedule's figures: the five
# questions first answered on 2026-11-21 all come back the next day.
due_home=$tmp/due-home
mkdir -p "$due_home/sessions" && cp -r "$root/tests/data/sessions/20261121-090000-quick-15" "$due_home/sessions/"
REHEARSE_HOME=$due_home REHEARSE_TODAY=2026-11-21 run due-empty 0 "$bin" due && same due-empty "$tmp/out" \
    "Nothing is due today (2026-11-21): today's 5 new questions are done; 5 come due tomorrow."
REHEARSE_TODAY=2026-11-31 run due-bad-date 2 "$bin" due
same due-bad-date "$tmp/err" "rehearse: REHEARSE_TODAY='2026-11-31' is not a date; write it as YYYY-MM-DD or unset it"
REHEARSE_TODAY=20261125 run due-short-date 2 "$bin" due
same due-short-date "$tmp/err" "rehearse: REHEARSE_TODAY='20261125' is not a date; write it as YYYY-MM-DD or unset it"
# A recorded answer not transcribed yet counts as answered (3), not as one
# that named no key term (0).
spoken_home=$tmp/spoken-home
mkdir -p "$spoken_home/sessions/20261121-090000-quick-15"
python3 - "$root/tests/data/sessions/20261121-090000-quick-15/session.json" \
    "$spoken_home/sessions/20261121-090000-quick-15/session.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
a = s["answers"][0]
a.update(mode="spoken", text="", rating=None, word_count=0,
         coverage={"fraction": 0.0, "found": [], "missed": ["OLAP", "schema"]},
         audio={"file": "01-x.wav", "sample_rate": 16000, "frames": 160000, "duration_s": 10.0,
                "dropped_frames": 0, "input_overflows": 0})
s["answers"] = [a]
json.dump(s, open(sys.argv[2], "w"))
PY
REHEARSE_HOME=$spoken_home REHEARSE_TODAY=2026-11-22 run due-spoken 0 "$bin" due --json
holds due-spoken "[(d['question_id'], d['last_grade']) for d in out['due'] if d['reason'] == 'due'] == [('arch-warehouse-vs-lake', 3)]"
REHEARSE_TODAY=2026-11-22 run weakest 0 "$bin" run --weakest 4 --seed 7 --dry-run --json
holds weakest "[q['question_id'] for q in out['questions']] == ['proc-event-driven', 'arch-warehouse-vs-lake', 'etl-tools-choice', 'etl-best-practices'] and out['scenario'] == 'weakest'"
# Each question of a weakest-first session is under its category.
holds weakest-sections "[q['section'] for q in out['questions']] == ['Advanced Data Processing', 'Data Architecture & Design', 'ETL/ELT Pipelines', 'ETL/ELT Pipelines']"
REHEARSE_TODAY=2026-11-22 run weakest-quick 0 "$bin" run --weakest 12 quick-15 --seed 7 --dry-run
grep -q "^Chosen by your practice schedule: 6 due, 3 new, 0 ahead of time.$" "$tmp/out" \
    && grep -qx "2 of them have a provisional grade (not rated yet): \`rehearse review\` rates them." "$tmp/out" \
    && passed=$((passed + 1)) || { echo "FAIL weakest-quick: $(head -1 "$tmp/out")"; failed=$((failed + 1)); }
run weakest-zero 2 "$bin" run --weakest 0 && same weakest-zero "$tmp/err" "rehearse run: --weakest takes 1 to 50 questions (found '0')
Try 'rehearse run --help'."
# A rating given later moves the question: it is no longer the weakest.
run rate-later 0 "$bin" review 20261121 --unrated < <(printf '5\n\nq\n')
REHEARSE_TODAY=2026-11-22 run due-rated 0 "$bin" due --json
holds due-rated "out['due'][0]['question_id'] == 'arch-warehouse-vs-lake' and [d['last_grade'] for d in out['due'] if d['question_id'] == 'proc-event-driven'] == [5]"
# A saved schedule is read, not recomputed: a newer session is added to it.
python3 - "$REHEARSE_HOME/schedule.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
next(i for i in s["items"] if i["id"] == "mon-pipeline-health")["ease"] = 37.5  # no upper bound
json.dump(s, open(sys.argv[1], "w"))
PY
REHEARSE_TODAY=2026-11-22 run weakest-session 0 "$bin" run --weakest 1 --seed 1 < <(printf 'Lakes keep raw data.\n/done\n')
weakest_dir=$(ls -d "$REHEARSE_HOME"/sessions/*-weakest)
run weakest-show 0 "$bin" show "$(basename "$weakest_dir")"
grep -Fxq "## 1. Data Architecture & Design: arch-warehouse-vs-lake" "$weakest_dir/transcript.md" \
    && grep -Fxq "## 1. Data Architecture & Design: arch-warehouse-vs-lake" "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL weakest-show: $(grep '^## ' "$weakest_dir/transcript.md")"; failed=$((failed + 1)); }
today=$(date +%F)
REHEARSE_TODAY=$today run due-kept 0 "$bin" due --json
python3 - "$REHEARSE_HOME/schedule.json" <<'PY' && ! grep -q "could not be read" "$tmp/err" && passed=$((passed + 1)) || { echo "FAIL due-kept"; failed=$((failed + 1)); }
import json, sys
s = json.load(open(sys.argv[1]))
items = {i["id"]: i for i in s["items"]}
assert items["mon-pipeline-health"]["ease"] == 37.5, items["mon-pipeline-health"]
assert items["arch-warehouse-vs-lake"]["reviews"] == 3, items["arch-warehouse-vs-lake"]
assert len(s["sessions"]) == 3 and any(k.endswith("-weakest") for k in s["sessions"])
PY

# A data home that is a symbolic link: the schedule and the index are still
# written (into the directory it points to), with no complaint.
ln -s "$REHEARSE_HOME" "$tmp/home-link"
rm -f "$REHEARSE_HOME/schedule.json" "$REHEARSE_HOME/sessions-index.json"
REHEARSE_HOME=$tmp/home-link run linked-home-list 0 "$bin" sessions
REHEARSE_HOME=$tmp/home-link REHEARSE_TODAY=2026-11-22 run linked-home 0 "$bin" due
[[ -f $REHEARSE_HOME/schedule.json && -f $REHEARSE_HOME/sessions-index.json ]] && ! grep -q "cannot" "$tmp/err" \
    && passed=$((passed + 1)) || { echo "FAIL linked-home: $(cat "$tmp/err")"; failed=$((failed + 1)); }

# The interviewer's voice without an output device: one plain line in the
# intro, before the first question, and the session goes on.
printf 'pcm.!default { type hw; card 99 }\nctl.!default { type hw; card 99 }\n' >"$tmp/none.conf"
mkdir -p "$tmp/no-pulse"
ALSA_CONFIG_PATH=$tmp/none.conf XDG_RUNTIME_DIR=$tmp/no-pulse REHEARSE_HOME=$tmp/voice-home \
    run voice-no-device 0 "$bin" run quick-15 --voice --seed 1 < <(printf 'spoken to nobody\n/done\n/quit\n')
[[ $(grep -c "aloud" "$tmp/out") == 1 ]] \
    && sed -n '/^Saving to /q;p' "$tmp/out" | grep -qx "Questions will not be read aloud: there is no sound output device." \
    && grep -q "^Answered in " "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL voice-no-device: $(grep -i "aloud" "$tmp/out")"; failed=$((failed + 1)); }

# The intro explains the modes the plan asks for, and only those.
! grep -q "^Speak your answer" "$tmp/out" && grep -q "^Type your answer; Enter starts a new line." "$tmp/out" \
    && passed=$((passed + 1)) || { echo "FAIL intro-typed: $(head -5 "$tmp/out")"; failed=$((failed + 1)); }
ALSA_CONFIG_PATH=$tmp/none.conf XDG_RUNTIME_DIR=$tmp/no-pulse REHEARSE_HOME=$tmp/spoken-home \
    run intro-spoken 0 "$bin" run case-study-20 --seed 1 < <(printf '/quit\n')
! grep -q "^Type your answer" "$tmp/out" \
    && grep -qx "Speak your answer while it records; Enter (or /done) submits it, s skips, p pauses, q quits." "$tmp/out" \
    && passed=$((passed + 1)) || { echo "FAIL intro-spoken: $(head -5 "$tmp/out")"; failed=$((failed + 1)); }

# Resume: an interrupted session continues where it stopped, in the same file.
# (Questions 1, 2, 3 and 5 have a follow-up after an answer: each /skip
# after a /done skips it.)
resume_home=$tmp/resume-home
REHEARSE_HOME=$resume_home run resume-first 0 "$bin" run quick-15 --seed 4 < <(printf 'first answer\n/done\n/skip\n/quit\n')
resume_id=$(ls "$resume_home/sessions")
grep -qx "To go on where you stopped: rehearse resume $resume_id" "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL resume-hint: $(tail -2 "$tmp/out")"; failed=$((failed + 1)); }
ALSA_CONFIG_PATH=$tmp/none.conf XDG_RUNTIME_DIR=$tmp/no-pulse REHEARSE_HOME=$resume_home \
    run resume-run 0 "$bin" resume last --voice --no-bell < <(printf 'second\n/done\n/skip\n/skip\n/skip\n/skip\n')
[[ $(grep -c "aloud" "$tmp/out") == 1 ]] \
    && sed -n '/^Saving to /q;p' "$tmp/out" | grep -qx "Questions will not be read aloud: there is no sound output device." \
    && passed=$((passed + 1)) \
    || { echo "FAIL resume-voice: $(grep -i aloud "$tmp/out")"; failed=$((failed + 1)); }
same resume-where <(head -3 "$tmp/out") "Resuming $resume_id at question 2 of 5, with 15m of its time left.
Answer 1 is kept.
Question 2 was cut off before anything was given: it is asked again."
! grep -q "rehearse resume" "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL resume-no-hint: completed, yet told to resume"; failed=$((failed + 1)); }
REHEARSE_HOME=$resume_home run resume-json 0 "$bin" export last --format json
holds resume-json "out['status'] == 'completed' and [a['n'] for a in out['answers']] == [1, 2, 3, 4, 5] and [a['outcome'] for a in out['answers']] == ['answered', 'answered', 'skipped', 'skipped', 'skipped'] and out['answers'][1]['text'] == 'second'"
REHEARSE_HOME=$resume_home run resume-plan 0 "$bin" run quick-15 --seed 4 --dry-run --json
holds resume-same-questions "[q['question_id'] for q in out['questions']] == $(python3 -c "import json,glob; print([a['question_id'] for a in json.load(open(glob.glob('$resume_home/sessions/*/session.json')[0]))['answers']])")"
REHEARSE_HOME=$resume_home run resume-completed 1 "$bin" resume last
grep -q "is completed; \`rehearse run quick-15\` starts a new one$" "$tmp/err" && passed=$((passed + 1)) \
    || { echo "FAIL resume-completed: $(cat "$tmp/err")"; failed=$((failed + 1)); }
# A weakest-first session records its questions and base, so it resumes with
# them even though answering has changed the schedule since.
REHEARSE_TODAY=2026-11-22 run weakest-plan 0 "$bin" run --weakest 3 --seed 2 --dry-run --json
planned=$(python3 -c "import json,sys; print([q['question_id'] for q in json.load(open(sys.argv[1]))['questions']])" "$tmp/out")
sections=$(python3 -c "import json,sys; print([q['section'] for q in json.load(open(sys.argv[1]))['questions']])" "$tmp/out")
REHEARSE_TODAY=2026-11-22 run weakest-first 0 "$bin" run --weakest 3 --seed 2 < <(printf 'first\n/done\n/quit\n')
# (the second question has a follow-up: /skip skips it)
REHEARSE_TODAY=2026-11-22 run weakest-resume 0 "$bin" resume last < <(printf 'second\n/done\n/skip\nthird\n/done\n')
run weakest-resumed 0 "$bin" export last --format json
holds weakest-resumed "out['status'] == 'completed' and [a['question_id'] for a in out['answers']] == $planned and out['scenario']['questions'] == $planned and out['scenario']['based_on'] == 'data-engineering-45' and [a['text'] for a in out['answers']] == ['first', 'second', 'third']"
holds weakest-resumed-sections "[a['section'] for a in out['answers']] == $sections and 'Weakest first' not in $sections"

# A recording that is a FIFO or a symbolic link (here out of the session
# directory) is refused at once by every command that reads recordings.
head -c 32000 /dev/zero >"$tmp/outside.wav"
for kind in FIFO link; do
    home=$tmp/rec-$kind dir=$tmp/rec-$kind/sessions/20261121-090000-quick-15
    mkdir -p "$dir"
    python3 -c "import json,sys; s=json.load(open(sys.argv[1])); s['answers'][0]['audio']={'file':'01-rec.wav','sample_rate':16000,'frames':16000,'duration_s':1.0}; s['answers'][0]['analysis']=None; json.dump(s,open(sys.argv[2],'w'))" \
        "$root/tests/data/sessions/20261121-090000-quick-15/session.json" "$dir/session.json"
    if [[ $kind == FIFO ]]; then mkfifo "$dir/01-rec.wav"; what="a FIFO"; else ln -s "$tmp/outside.wav" "$dir/01-rec.wav"; what="a symbolic link"; fi
    reason="cannot read $dir/01-rec.wav: it is $what; a recording must be a regular file of the session directory"
    for cmd in play analyze review export; do
        extra=(); [[ $cmd == export ]] && extra=(--format html)
        REHEARSE_HOME=$home run "recording-$kind-$cmd" 1 timeout 5 "$bin" $cmd last "${extra[@]}" </dev/null &&
            same "recording-$kind-$cmd" "$tmp/err" "rehearse: $([[ $cmd == analyze ]] && echo "answer 1: ")$reason"
    done
done
# Text from outside never reaches a terminal raw. Control characters in a
# scenario or bank are refused at their line and column; those in a session
# (answer, note, question, section, titles) are shown as ^[ and ^G.
ctl=$tmp/ctl
mkdir -p "$ctl/config/rehearse/scenarios" "$ctl/config/rehearse/banks" "$ctl/home/sessions/20261123-100000-quick-15"
printf 'id: evil\ntitle: "Evil \\e]52;c;aGk=\\a\\e[2J"\nbank: data-engineering\nsections:\n  - title: One\n    questions: [arch-warehouse-vs-lake]\n    limit: 1m\n' >"$ctl/config/rehearse/scenarios/evil.yaml"
printf 'id: raw\ntitle: Raw \033[2J\nbank: data-engineering\nsections:\n  - title: One\n    questions: [arch-warehouse-vs-lake]\n    limit: 1m\n' >"$ctl/config/rehearse/scenarios/raw.yaml"
printf 'id: evil-bank\ntitle: Evil\ncategories:\n  - id: a\n    title: A\nquestions:\n  - id: q\n    category: a\n    text: "Ring \\a"\n' >"$ctl/config/rehearse/banks/evil-bank.yaml"
python3 - "$root/tests/data/sessions/20261121-090000-quick-15/session.json" "$ctl/home/sessions/20261123-100000-quick-15/session.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["id"] = "20261123-100000-quick-15"
s["scenario"]["title"] = "Title \x1b]52;c;aGk=\x07"
s["scenario"]["id"] = "quick\x1b[5m-15"
a = s["answers"][0]
a["section"], a["question"] = "Section \x1b[1m", "Question \x1b[2J?"
a["text"], a["note"], a["category"] = "Answer \x1b[31mred\x07", "Note \x1b]0;pwned\x07", "cat\x1b[5m"
json.dump(s, open(sys.argv[2], "w"))
PY
raw_free() { # NAME: no raw ESC or BEL in what the last command printed
    ! grep -qP '[\x07\x1b]' "$tmp/out" "$tmp/err" && passed=$((passed + 1)) \
        || { echo "FAIL $1 printed a raw control character: $(od -c "$tmp/out" "$tmp/err" | grep -m2 '033\|\\a')"; failed=$((failed + 1)); }
}
export XDG_CONFIG_HOME=$ctl/config REHEARSE_HOME=$ctl/home
run ctl-scenarios 0 "$bin" scenarios && raw_free ctl-scenarios
grep -qxF "rehearse: skipping $ctl/config/rehearse/scenarios/evil.yaml:2:8: 'title' contains the control character U+001B (^[); only newlines and tabs may be written in text" "$tmp/err" \
    && grep -qxF "rehearse: skipping $ctl/config/rehearse/scenarios/raw.yaml:2:12: control character U+001B (^[) in a text file; remove it" "$tmp/err" \
    && passed=$((passed + 1)) || { echo "FAIL ctl-scenarios: $(cat "$tmp/err")"; failed=$((failed + 1)); }
run ctl-dry-run 65 "$bin" run evil --dry-run && raw_free ctl-dry-run
run ctl-bank 65 "$bin" bank --bank evil-bank && raw_free ctl-bank
run ctl-check 65 "$bin" check "$ctl/config/rehearse/banks/evil-bank.yaml" && same ctl-check "$tmp/err" \
    "$ctl/config/rehearse/banks/evil-bank.yaml:9:11: 'text' contains the control character U+0007 (^G); only newlines and tabs may be written in text"
run ctl-show 0 "$bin" show last && raw_free ctl-show
grep -qxF '# Title ^\[\]52;c;aGk=^G' "$tmp/out" && grep -qxF 'Answer ^\[\[31mred^G' "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL ctl-show: $(head -20 "$tmp/out")"; failed=$((failed + 1)); }
run ctl-export-md 0 "$bin" export last --format md && raw_free ctl-export-md
run ctl-export-html 0 "$bin" export last --format html && raw_free ctl-export-html
grep -qF '<p class="answer">Answer ^[[31mred^G</p>' "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL ctl-export-html: $(grep -F 'class="answer"' "$tmp/out" | head -3)"; failed=$((failed + 1)); }
run ctl-sessions 0 "$bin" sessions && raw_free ctl-sessions
run ctl-stats 0 "$bin" stats && raw_free ctl-stats
# A note typed with bytes that are not UTF-8, and a NUL, is stored with U+FFFD.
run ctl-review 0 "$bin" review last < <(printf '2\ncaf\xe9 \xff\0!\nq\n') && raw_free ctl-review
grep -qxF '[1/5] Section ^[[1m' "$tmp/out" && grep -qxF 'Answer ^[[31mred^G' "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL ctl-review: $(head -20 "$tmp/out")"; failed=$((failed + 1)); }
run ctl-review-saved 0 "$bin" export last --format json
holds ctl-review-saved "out['answers'][0]['rating'] == 2 and out['answers'][0]['note'] == 'caf\ufffd \ufffd\ufffd!'"
# The interview screen echoes an unknown command with its controls shown.
REHEARSE_HOME=$ctl/run-home run ctl-run 0 "$bin" run quick-15 --seed 1 < <(printf '/x\033[2J\a\n/quit\n') \
    && raw_free ctl-run && grep -qF 'Unknown command /x^[[2J^G: /help lists the commands' "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL ctl-run: $(grep -a Unknown "$tmp/out")"; failed=$((failed + 1)); }
export XDG_CONFIG_HOME=$tmp/config REHEARSE_HOME=$tmp/home

# Follow-up questions: threaded under their answer in show and the exports,
# reviewed right after it and rated on their own; the question counts with
# the lowest rating given to it and its follow-ups.
fu=$tmp/follow-ups
mkdir -p "$fu" && cp -r "$root/tests/data/follow-ups" "$fu/sessions" && chmod -R go-rwx "$fu"
export REHEARSE_HOME=$fu
run fu-show 0 "$bin" show last && same fu-show "$tmp/out" "# Quick drill, 15 minutes

- Session: 20261125-090000-quick-15
- Scenario: quick-15 (seed 7)
- Started: 2026-11-25T09:00:00+01:00
- Ended: 2026-11-25T09:08:00+01:00
- Status: completed
- Time used: 7:08 of 15:00

## 1. Storage: store-cap-theorem

> Explain the CAP theorem and its significance for distributed systems.

**Your answer** (typed)

CAP says a distributed store picks consistency or availability.

Words: 9

Time: 2:30 of 3:00, answered

Key terms: 2 of 6 (named: consistency, availability); missed: partition tolerance, network partition, node, trade-off

Rating: 4/5

### Follow-up 1

> During a network partition, which side keeps taking writes, and what do readers see?

Authored; asked because the answer named none of: network partition.

**Your answer** (typed)

Reads go to the nearest replica; writes wait for a quorum.

Words: 11

Time: 0:48 of 1:00, answered

Rating: 2/5

Note: Name what happens during a partition.

### Follow-up 2

> How would you explain that trade-off to a product manager?

Generated by the interviewer.

**Your answer** (typed)

_No answer._

Time: 1:00 of 1:00, timed-out

## 2. Architecture: arch-lakehouse

> What is a Data Lakehouse, and how does it differ from a data lake and a data warehouse?

**Your answer** (typed)

A lakehouse keeps raw data in the lake and adds warehouse tables on top.

Words: 14

Time: 2:50 of 3:00, answered

Rating: 3/5

---

Answered 2 of 2 questions, timed out 0, skipped 0."
run fu-html 0 "$bin" export last --format html
grep -qxF '<section class="follow-up"><h3>Follow-up 1</h3>' "$tmp/out" \
    && grep -qxF '<blockquote>During a network partition, which side keeps taking writes, and what do readers see?</blockquote>' "$tmp/out" \
    && grep -qxF '<p class="meta">Authored; asked because the answer named none of: network partition.</p>' "$tmp/out" \
    && grep -qxF '<p class="meta"><span class="answered">answered</span>, 0:48 of 1:00, typed, rated 2/5</p>' "$tmp/out" \
    && grep -qxF '<p class="meta">Generated by the interviewer.</p>' "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL fu-html: $(grep -A3 'follow-up' "$tmp/out" | head -12)"; failed=$((failed + 1)); }
run fu-json 0 "$bin" export last --format json
holds fu-json "[(f['follow_up'], f['source'], f.get('trigger'), f['rating']) for f in out['answers'][0]['follow_ups']] == [(1, 'authored', ['network partition'], 2), (2, 'generated', None, None)] and 'follow_ups' not in out['answers'][1]"
run fu-stats 0 "$bin" stats --json
holds fu-stats "{c['category']: (c['answers'], c['rating']) for c in out['categories']} == {'storage': (1, 2.0), 'architecture': (1, 3.0)}"
run fu-review 0 "$bin" review last < <(printf '5\n\n3\nbetter\n4\n\nq\n')
[[ $(grep -E '^\[[0-9]/2\]' "$tmp/out" | tr '\n' '|') == "[1/2] Storage|[1/2] Follow-up 1|[1/2] Follow-up 2|[2/2] Architecture|" ]] \
    && grep -qxF 'Authored; asked because the answer named none of: network partition.' "$tmp/out" \
    && grep -qxF 'Generated by the interviewer.' "$tmp/out" && passed=$((passed + 1)) \
    || { echo "FAIL fu-review: $(grep -E '^\[' "$tmp/out")"; failed=$((failed + 1)); }
run fu-review-saved 0 "$bin" export last --format json
holds fu-review-saved "[(a['rating'], [(f['rating'], f['note']) for f in a.get('follow_ups', [])]) for a in out['answers']] == [(5, [(3, 'better'), (4, None)]), (3, [])]"
run fu-review-stats 0 "$bin" stats --json
holds fu-review-stats "{c['category']: c['rating'] for c in out['categories']} == {'storage': 3.0, 'architecture': 3.0}"
REHEARSE_TODAY=2026-11-25 run fu-unrated 0 "$bin" review last --unrated < /dev/null
same fu-unrated "$tmp/out" "Every answer of 20261125-090000-quick-15 is rated.

Rated 4 of 4, average 3.8; 2 due tomorrow."
# A follow-up's recording that is a FIFO is refused at once, as an answer's is.
fudir=$fu/sessions/20261125-090000-quick-15
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); s['answers'][0]['follow_ups'][1]['audio']={'file':'01-f2.wav','sample_rate':16000,'frames':16000,'duration_s':1.0}; json.dump(s,open(sys.argv[1],'w'))" "$fudir/session.json"
mkfifo "$fudir/01-f2.wav"
for cmd in review export; do
    extra=(); [[ $cmd == export ]] && extra=(--format html)
    run "fu-fifo-$cmd" 1 timeout 5 "$bin" $cmd last "${extra[@]}" </dev/null \
        && same "fu-fifo-$cmd" "$tmp/err" "rehearse: cannot read $fudir/01-f2.wav: it is a FIFO; a recording must be a regular file of the session directory"
done

# Key terms in review: the found and missed ones, a missed one marked as
# named with one key (saved, and counted in the grade), only the actions
# that apply (no `p` for a typed answer), and the closing summary. The grade
# of an answer not rated is provisional until it is rated.
export REHEARSE_HOME=$tmp/terms
cat > "$tmp/terms-drill.yaml" <<'YAML'
id: terms-drill
title: Terms drill
bank: data-engineering
budget: 5m
mode: typed
max_follow_ups: 0
sections:
  - title: Storage
    questions: [store-sql-vs-nosql]
    limit: 3m
YAML
run terms-run 0 "$bin" run "$tmp/terms-drill.yaml" < <(printf 'We scale out with NoSQL and keep ACID transactions in a relational database.\n/done\n')
tomorrow=$(date -d tomorrow +%F)
REHEARSE_TODAY=$tomorrow run terms-due 0 "$bin" due --json
holds terms-due "[(d['last_grade'], d['provisional']) for d in out['due'] if d['question_id'] == 'store-sql-vs-nosql'] == [(3, True)]"
REHEARSE_TODAY=$tomorrow run terms-due-text 0 "$bin" due
grep -q "^  store-sql-vs-nosql .* due today, last grade 3/5 (provisional: not rated), ease 2.36$" "$tmp/out" \
    && passed=$((passed + 1)) || { echo "FAIL terms-due-text: $(grep sql "$tmp/out")"; failed=$((failed + 1)); }
run terms-review 0 "$bin" review last < <(printf 'p\nb\nb\n\n')
sed -n '/^Key terms named/,$p' "$tmp/out" > "$tmp/terms-walk"
same terms-review "$tmp/terms-walk" "Key terms named (5 of 10): relational database, ACID, transaction, NoSQL, scale horizontally
Key terms missed: [a] fixed schema  [b] SQL  [c] key-value  [d] document  [e] column-family (or wide-column)
Rating 1-5 (Enter skips, a-e marks a missed term named, q stops): 
A rating is a number from 1 to 5.
Rating 1-5 (Enter skips, a-e marks a missed term named, q stops): 
Key terms named (6 of 10): relational database, ACID, transaction, NoSQL, scale horizontally, SQL (marked by you)
Key terms missed: [a] fixed schema  [b] key-value  [c] document  [d] column-family (or wide-column)
Rating 1-5 (Enter skips, a-d marks a missed term named, q stops): 
Key terms named (7 of 10): relational database, ACID, transaction, NoSQL, scale horizontally, SQL (marked by you), key-value (marked by you)
Key terms missed: [a] fixed schema  [b] document  [c] column-family (or wide-column)
Rating 1-5 (Enter skips, a-c marks a missed term named, q stops): 

Rated 0 of 1; 1 due tomorrow."
run terms-saved 0 "$bin" export last --format json
holds terms-saved "[(a['terms_confirmed'], a['coverage']['missed'], a['rating']) for a in out['answers']] == [(['SQL', 'key-value'], ['fixed schema', 'document', 'column-family'], None)]"
# A missed term's other spellings: in the plan entry of the answer's number
# in the JSON, beside the missed term in show and the Markdown and HTML
# exports, worded as review words them.
holds terms-json-spellings "[p['key_term_alternatives'][p['key_terms'].index(m)] for a in out['answers'] for p in [out['plan'][a['n'] - 1]] for m in a['coverage']['missed']] == [[], [], ['wide-column']]"
shown="Key terms: 7 of 10 (named: relational database, ACID, transaction, NoSQL, scale horizontally, SQL, key-value); missed: fixed schema, document, column-family (or wide-column)"
run terms-show 0 "$bin" show last
grep '^Key terms' "$tmp/out" >"$tmp/terms-shown"
same terms-show "$tmp/terms-shown" "$shown"
run terms-export-md 0 "$bin" export last --format md
grep '^Key terms' "$tmp/out" >"$tmp/terms-shown"
same terms-export-md "$tmp/terms-shown" "$shown"
run terms-export-html 0 "$bin" export last --format html
grep -qF '<span class="missed">&#10007; fixed schema</span> <span class="missed">&#10007; document</span> <span class="missed">&#10007; column-family (or wide-column)</span></p>' "$tmp/out" \
    && passed=$((passed + 1)) || { echo "FAIL terms-export-html: $(grep -F 'Key terms' "$tmp/out")"; failed=$((failed + 1)); }
REHEARSE_TODAY=$tomorrow run terms-regraded 0 "$bin" due --json
holds terms-regraded "[(d['last_grade'], d['provisional']) for d in out['due'] if d['question_id'] == 'store-sql-vs-nosql'] == [(4, True)]"
run terms-rated 0 "$bin" review last < <(printf '4\n\n')
[[ $(tail -1 "$tmp/out") == "Rated 1 of 1, average 4.0; 1 due tomorrow." ]] && passed=$((passed + 1)) \
    || { echo "FAIL terms-rated: $(tail -2 "$tmp/out")"; failed=$((failed + 1)); }
REHEARSE_TODAY=$tomorrow run terms-firm 0 "$bin" due --json
holds terms-firm "[(d['last_grade'], d['provisional']) for d in out['due'] if d['question_id'] == 'store-sql-vs-nosql'] == [(4, False)]"
# Takes side by side in review (t, offered only for an answer taken again):
# columns that fit the screen, a long cell wrapped in its column; on a
# narrow screen one take under the other.
export REHEARSE_HOME=$tmp/takes
sed -e 's/^id: terms-drill/id: takes-drill/' -e 's/^max_follow_ups: 0/max_takes: 2\nmax_follow_ups: 0/' \
    "$tmp/terms-drill.yaml" > "$tmp/takes-drill.yaml"
run takes-run 0 "$bin" run "$tmp/takes-drill.yaml" < <(printf 'NoSQL only\n/retake\nA relational database keeps ACID transactions; NoSQL stores scale horizontally.\n/done\n')
COLUMNS=80 run takes-wide 0 "$bin" review last < <(printf 't\nq\n')
sed -n '/^Rating/,$p' "$tmp/out" > "$tmp/takes-wide"
same takes-wide "$tmp/takes-wide" "Rating 1-5 (Enter skips, a-e marks a missed term named, t compares the takes, q stops): 
           Take 1                             Take 2 (kept)
Time       0:00                               0:00
Words      2                                  10
Key terms  1 of 10 named                      5 of 10 named
Missed     relational database, fixed         fixed schema, SQL, key-value,
           schema, SQL, ACID, transaction,    document, column-family
           scale horizontally, key-value,
           document, column-family
Rating 1-5 (Enter skips, a-e marks a missed term named, t compares the takes, q stops): 

Rated 0 of 1; 1 due tomorrow."
COLUMNS=40 run takes-narrow 0 "$bin" review last < <(printf 't\nq\n')
sed -n '/^Take 1/,/^Rating/p' "$tmp/out" > "$tmp/takes-narrow"
same takes-narrow "$tmp/takes-narrow" "Take 1
  Time       0:00
  Words      2
  Key terms  1 of 10 named
  Missed     relational database, fixed
             schema, SQL, ACID,
             transaction, scale
             horizontally, key-value,
             document, column-family
Take 2 (kept)
  Time       0:00
  Words      10
  Key terms  5 of 10 named
  Missed     fixed schema, SQL,
             key-value, document,
             column-family
Rating 1-5 (Enter skips, a-e marks a missed term named, t compares the takes, q stops): "
REHEARSE_HOME=$tmp/terms run takes-single 0 "$bin" review last < /dev/null
grep -q 't compares' "$tmp/out" && { echo "FAIL takes-single: t offered for one take"; failed=$((failed + 1)); } \
    || passed=$((passed + 1))
export XDG_CONFIG_HOME=$tmp/config REHEARSE_HOME=$tmp/home

echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
