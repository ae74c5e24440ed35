-- wrk script for bench/ingest/run.sh: POST /api/v1/sessions, every request a session no request sent before.
-- The sessions are the generator's (LG_SESSIONS: NDJSON, one record a line), sent in file order. Each record's
-- sessionId and sellerId get a suffix naming the run (LG_RUN), the wrk thread and the pass over the file, so every
-- id is new (a repeated id would measure the duplicate answer instead) and each pass is a new set of sellers whose
-- sessions have the histories the generator made for them: a seller's history does not grow pass after pass.
-- LG_AUTHORIZATION is the whole Authorization header (Bearer or Basic). The script counts the answers by status
-- and keeps the first body of each status other than 201; done() prints them as "answers:" and "first NNN:" lines.
-- Records are cut around their two ids once, up front, so a request costs wrk two string joins.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local templates = {}
local headers
local run
local index = 1
local pass = 0
local suffix

answers = {}
firsts = {}

-- The record in three pieces: up to the end of the first id's value, up to the end of the second's, the rest.
-- Ids hold only A-Z a-z 0-9 . _ : - (docs/session-format.md), so a value ends at the next quote.
local function cut(line)
  local ends = {}
  for _, key in ipairs({ '"sessionId":"', '"sellerId":"' }) do
    local _, last = line:find(key, 1, true)
    if not last then
      error("no " .. key .. " in the record " .. line:sub(1, 80))
    end
    ends[#ends + 1] = line:find('"', last + 1, true) - 1
  end
  table.sort(ends)
  return { line:sub(1, ends[1]), line:sub(ends[1] + 1, ends[2]), line:sub(ends[2] + 1) }
end

function init(args)
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = os.getenv("LG_AUTHORIZATION") }
  run = os.getenv("LG_RUN") .. "t" .. id
  for line in io.lines(os.getenv("LG_SESSIONS")) do
    if line ~= "" then
      templates[#templates + 1] = cut(line)
    end
  end
  suffix = "-" .. run .. "p" .. pass
end

function request()
  local t = templates[index]
  index = index + 1
  if index > #templates then
    index = 1
    pass = pass + 1
    suffix = "-" .. run .. "p" .. pass
  end
  return wrk.format("POST", "/api/v1/sessions", headers, t[1] .. suffix .. t[2] .. suffix .. t[3])
end

function response(status, headers, body)
  answers[status] = (answers[status] or 0) + 1
  if status ~= 201 and not firsts[status] then
    firsts[status] = body:sub(1, 400)
  end
end

function done(summary, latency, requests)
  local totals, bodies, statuses = {}, {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("answers")) do
      if not totals[status] then
        statuses[#statuses + 1] = status
      end
      totals[status] = (totals[status] or 0) + n
    end
    for status, body in pairs(thread:get("firsts")) do
      bodies[status] = bodies[status] or body
    end
  end
  table.sort(statuses)
  io.write("answers:")
  for _, status in ipairs(statuses) do
    io.write(" ", status, "=", totals[status])
  end
  io.write("\n")
  for _, status in ipairs(statuses) do
    if bodies[status] then
      io.write("first ", status, ": ", bodies[status], "\n")
    end
  end
end
