"""The batch run of bench/ingest/run.sh, around the curl requests that send it.

  batches.py split SESSIONS_NDJSON DIRECTORY TOTAL SIZE TAG
      writes TOTAL sessions from SESSIONS_NDJSON (cycling through them) into DIRECTORY as NDJSON files of SIZE
      lines; each pass over the source gives every sessionId and sellerId the suffix -TAG p PASS, as sessions.lua
      does for single POSTs, so every id is new and each pass is a new set of sellers.
  batches.py summarise DIRECTORY TOTAL SECONDS SERVER_CPU LOAD
      reads the answers (NNNNNN.ndjson.json) and curl's "status seconds" lines (times.txt), prints a row under
      wrk.sh's header (sessions/s, seconds a request) and what was accepted; exits 1 unless all TOTAL were.
"""
import glob
import json
import re
import sys

IDS = re.compile(r'("(?:sessionId|sellerId)":"[^"]*)"')


def split(source, directory, total, size, tag):
    with open(source, encoding='utf-8') as file:
        lines = [line for line in file.read().split('\n') if line]
    out = None
    for i in range(total):
        if i % size == 0:
            if out:
                out.close()
            out = open(f'{directory}/{i // size:06d}.ndjson', 'w', encoding='utf-8')
        suffix = f'-{tag}p{i // len(lines)}'
        out.write(IDS.sub(lambda m: m.group(1) + suffix + '"', lines[i % len(lines)], count=2) + '\n')
    if out:
        out.close()


def summarise(directory, total, seconds, server_cpu, load):
    accepted = duplicates = rejected = 0
    firsts = []
    for name in sorted(glob.glob(f'{directory}/*.ndjson.json')):
        with open(name, encoding='utf-8') as file:
            text = file.read()
        try:
            answer = json.loads(text)
            accepted += answer['accepted']
            duplicates += answer['duplicates']
            rejected += len(answer['rejected'])
            firsts += answer['rejected'][:1]
        except (ValueError, KeyError, TypeError):
            firsts.append(text[:400])
    with open(f'{directory}/times.txt', encoding='utf-8') as file:
        answers = [line.split() for line in file if line.strip()]
    times = sorted(float(seconds) for _, seconds in answers)
    codes = sorted({code for code, _ in answers})

    def percentile(p):
        return f'{times[min(len(times) - 1, int(p / 100 * len(times)))]:.2f}s'

    print(f'{"batch":<12} {accepted / seconds:12.0f} {percentile(50):>10} {percentile(90):>10} {percentile(99):>10} '
          f'{times[-1]:9.2f}s {total - accepted:8d} {server_cpu + "/sess":>16} {"-":>13}  {load}')
    print(f'             {accepted} sessions accepted in {seconds:.1f} s by {len(times)} requests (HTTP {" ".join(codes)}),'
          f' {duplicates} duplicates, {rejected} rejected; the row is sessions/s, seconds a request, lines not accepted')
    for first in firsts[:3]:
        print(f'             first not accepted: {first}')
    return 0 if codes == ['200'] and accepted == total and not firsts else 1


if __name__ == '__main__':
    if sys.argv[1] == 'split':
        split(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    elif sys.argv[1] == 'summarise':
        sys.exit(summarise(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]))
    else:
        sys.exit(f'unknown command {sys.argv[1]}')
