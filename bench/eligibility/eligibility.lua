-- wrk script for bench/eligibility/run.sh: GET /api/v1/sellers/{id}/live-eligibility for seller ids drawn
-- at random from seller-000001..seller-100000 (every 10th holds a standing penalty, so ~10% answer
-- allowed:false), with the API key as a bearer token. Requests are formatted once, up front, so the
-- script costs wrk next to nothing per request.
local key = os.getenv("LG_API_KEY")
local sellers = tonumber(os.getenv("LG_SELLERS") or "100000")
local requests = {}
local count = 20000
local index = 1

function init(args)
  math.randomseed(os.time() + tonumber(tostring(requests):match("0x(%x+)") or "0", 16))
  local headers = { ["Authorization"] = "Bearer " .. key }
  for i = 1, count do
    local path = string.format("/api/v1/sellers/seller-%06d/live-eligibility", math.random(1, sellers))
    requests[i] = wrk.format("GET", path, headers)
  end
  index = math.random(1, count)
end

function request()
  local r = requests[index]
  index = index % count + 1
  return r
end
