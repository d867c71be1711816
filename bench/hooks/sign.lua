-- wrk script: posts GENERIC alerts to /hooks/<source>, each signed with Standard Webhooks headers
-- (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>).
-- wrk's LuaJIT has no crypto library, so SHA-256 and HMAC are written here on LuaJIT's `bit` module.
-- Arguments (after --): source name, signing key as hex, a nonce that makes message ids unique per run,
-- how many distinct fingerprints to cycle through, and optionally the prefix of presign.py's files: then each thread
-- reads its requests' signatures from <prefix>.<thread> at start and signs live only once the file runs out.
local bit = require("bit")
local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot
local rshift, lshift, ror, tobit = bit.rshift, bit.lshift, bit.ror, bit.tobit

local K = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

local function be32(x)
  return string.char(band(rshift(x, 24), 255), band(rshift(x, 16), 255), band(rshift(x, 8), 255), band(x, 255))
end

local function sha256(msg)
  local len = #msg
  local bits = len * 8
  msg = msg .. "\128" .. string.rep("\0", (55 - len) % 64)
      .. be32(math.floor(bits / 4294967296)) .. be32(bits % 4294967296)
  local H = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }
  local w = {}
  for i = 1, #msg, 64 do
    for j = 0, 15 do
      local b1, b2, b3, b4 = msg:byte(i + j * 4, i + j * 4 + 3)
      w[j] = bor(lshift(b1, 24), lshift(b2, 16), lshift(b3, 8), b4)
    end
    for j = 16, 63 do
      local x, y = w[j - 15], w[j - 2]
      local s0 = bxor(ror(x, 7), ror(x, 18), rshift(x, 3))
      local s1 = bxor(ror(y, 17), ror(y, 19), rshift(y, 10))
      w[j] = tobit(w[j - 16] + s0 + w[j - 7] + s1)
    end
    local a, b, c, d, e, f, g, h = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
    for j = 0, 63 do
      local S1 = bxor(ror(e, 6), ror(e, 11), ror(e, 25))
      local ch = bxor(band(e, f), band(bnot(e), g))
      local t1 = tobit(h + S1 + ch + K[j + 1] + w[j])
      local S0 = bxor(ror(a, 2), ror(a, 13), ror(a, 22))
      local maj = bxor(band(a, b), band(a, c), band(b, c))
      h, g, f, e, d, c, b, a = g, f, e, tobit(d + t1), c, b, a, tobit(t1 + S0 + maj)
    end
    H[1], H[2], H[3], H[4] = tobit(H[1] + a), tobit(H[2] + b), tobit(H[3] + c), tobit(H[4] + d)
    H[5], H[6], H[7], H[8] = tobit(H[5] + e), tobit(H[6] + f), tobit(H[7] + g), tobit(H[8] + h)
  end
  local out = {}
  for i = 1, 8 do out[i] = be32(H[i]) end
  return table.concat(out)
end

local function xorWith(key, byte)
  local out = {}
  for i = 1, 64 do out[i] = string.char(bxor(key:byte(i), byte)) end
  return table.concat(out)
end

local function hmacSha256(key, msg)
  if #key > 64 then key = sha256(key) end
  key = key .. string.rep("\0", 64 - #key)
  return sha256(xorWith(key, 0x5c) .. sha256(xorWith(key, 0x36) .. msg))
end

local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(data)
  local out = {}
  for i = 1, #data, 3 do
    local b1, b2, b3 = data:byte(i, i + 2)
    local n = lshift(b1, 16) + lshift(b2 or 0, 8) + (b3 or 0)
    for k = 0, 3 do
      if k <= (#data - i + 1) then
        local idx = band(rshift(n, 18 - 6 * k), 63) + 1
        out[#out + 1] = ALPHABET:sub(idx, idx)
      else
        out[#out + 1] = "="
      end
    end
  end
  return table.concat(out)
end

local function fromHex(hex)
  return (hex:gsub("..", function(pair) return string.char(tonumber(pair, 16)) end))
end

-- Runs in the main state: give every thread its number, so that message ids never collide between threads.
local next_thread = 0
local threads = {}
function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_number", next_thread)
  threads[next_thread] = thread
end

local path, key, nonce, fingerprints
local counter = 0
local signed = {} -- presigned: counter -> { id, timestamp, signature, fingerprint }
live = 0 -- requests signed here because the presigned file ran out (read back by done)
function init(args)
  path = "/hooks/" .. args[1]
  key = fromHex(args[2])
  nonce = args[3]
  fingerprints = tonumber(args[4] or "50")
  wrk.headers["Content-Type"] = "application/json"
  if args[5] then
    local file = assert(io.open(args[5] .. "." .. thread_number, "r"))
    for line in file:lines() do
      local id, timestamp, signature, fp = line:match("^(%S+) (%S+) (%S+) (%S+)$")
      signed[#signed + 1] = { id, timestamp, signature, fp }
    end
    file:close()
  end
end

local function body(fp)
  return '{"title":"Benchmark alert ' .. fp .. '","fingerprint":"' .. fp .. '","severity":"HIGH",'
      .. '"labels":{"host":"bench-host"}}'
end

function request()
  counter = counter + 1
  local pre = signed[counter]
  if pre then
    signed[counter] = nil
    return wrk.format("POST", path, {
      ["webhook-id"] = pre[1], ["webhook-timestamp"] = pre[2], ["webhook-signature"] = pre[3],
    }, body(pre[4]))
  end
  live = live + 1
  local id = "bench_" .. nonce .. "_" .. thread_number .. "_" .. counter
  local timestamp = tostring(os.time())
  local b = body("bench-" .. (counter % fingerprints))
  return wrk.format("POST", path, {
    ["webhook-id"] = id,
    ["webhook-timestamp"] = timestamp,
    ["webhook-signature"] = "v1," .. base64(hmacSha256(key, id .. "." .. timestamp .. "." .. b)),
  }, b)
end

function done(summary, latency, requests)
  local signed_live = 0
  for _, thread in ipairs(threads) do signed_live = signed_live + thread:get("live") end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p99_ms=%.2f p50_ms=%.2f requests=%d errors=%d non2xx=%d signed_live=%d\n",
      summary.requests / seconds, latency:percentile(99) / 1000, latency:percentile(50) / 1000,
      summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status, signed_live))
end
