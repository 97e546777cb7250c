-- The checkout form flow for wrk, as a shopper without JavaScript does it:
--   1. GET the product page: the CSRF cookie and the token in its add-to-basket form;
--   2. POST add to basket (the session cookie comes back);
--   3. POST the checkout form (a new form token each time), then 2 and 3 again.
-- Run with as many threads as connections (wrk -t8 -c8) so each thread is one shopper.
-- Environment: BENCH_PRODUCT_PATH, BENCH_PRODUCT_ID, BENCH_VARIANT_SKU (may be empty).

local product_path = os.getenv("BENCH_PRODUCT_PATH") or "/en/shop/"
local product_id = os.getenv("BENCH_PRODUCT_ID") or "0"
local variant = os.getenv("BENCH_VARIANT_SKU") or ""
local language = product_path:match("^/(%a%a)/") or "en"

local step = "page"
local cookies = {}
local token = nil
local posted = 0

local function encode(value)
  return (tostring(value):gsub("[^%w%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local function form(fields)
  local parts = {}
  for _, pair in ipairs(fields) do
    parts[#parts + 1] = encode(pair[1]) .. "=" .. encode(pair[2])
  end
  return table.concat(parts, "&")
end

local function cookie_header()
  local parts = {}
  for name, value in pairs(cookies) do
    parts[#parts + 1] = name .. "=" .. value
  end
  return table.concat(parts, "; ")
end

local function remember_cookies(headers)
  for name, value in pairs(headers) do
    if name:lower() == "set-cookie" then
      for cookie_name, cookie_value in value:gmatch("([%w_]+)=([^;,%s]*)") do
        if cookie_name == "csrftoken" or cookie_name == "sessionid" then
          if cookie_value == "" or cookie_value == '""' then
            cookies[cookie_name] = nil
          else
            cookies[cookie_name] = cookie_value
          end
        end
      end
    end
  end
end

local function hex(length)
  local out = {}
  for i = 1, length do
    out[i] = string.format("%x", math.random(0, 15))
  end
  return table.concat(out)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

local function post(path, body)
  return wrk.format("POST", path, {
    ["Cookie"] = cookie_header(),
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

function request()
  if step == "page" then
    return wrk.format("GET", product_path, { ["Cookie"] = cookie_header() })
  elseif step == "add" then
    local fields = {
      { "csrfmiddlewaretoken", token },
      { "product", product_id },
      { "quantity", "1" },
      { "next", product_path },
    }
    if variant ~= "" then
      fields[#fields + 1] = { "variant", variant }
    end
    return post("/" .. language .. "/basket/add/", form(fields))
  end
  posted = posted + 1
  return post("/" .. language .. "/checkout/", form({
    { "csrfmiddlewaretoken", token },
    { "token", hex(32) },
    { "first_name", "Aigerim" },
    { "last_name", "Nurlanovna" },
    { "email", "bench" .. posted .. "@example.com" },
    { "phone", "+7 707 123 45 67" },
    { "street", "Abay avenue 10, apt 5" },
    { "building_type", "apartment" },
    { "city", "Almaty" },
    { "region", "Almaty" },
    { "postal_code", "050000" },
    { "country", "KZ" },
    { "instructions", "" },
  }))
end

function response(status, headers, body)
  remember_cookies(headers)
  if step == "page" then
    token = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
    if token and cookies["csrftoken"] then
      step = "add"
    end
  elseif step == "add" then
    step = "checkout"
  else
    step = "add"
  end
end
