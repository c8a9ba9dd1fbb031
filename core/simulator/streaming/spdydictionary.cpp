#include "spdyframes.h"

namespace binnacle::sim::spdy {

namespace {
// SPDY/3 draft §2.6.10.1: the header names and values HTTP uses most, compressed against by both ends.
constexpr char dictionary[] =
    "\x00\x00\x00\x07options\x00\x00\x00\x04head\x00\x00\x00\x04post\x00\x00\x00\x03put\x00\x00\x00\x06"
    "d"
    "elete\x00\x00\x00\x05trace\x00\x00\x00\x06"
    "accept\x00\x00\x00\x0e"
    "accept-charset\x00\x00\x00\x0f"
    "a"
    "ccept-encoding\x00\x00\x00\x0f"
    "accept-language\x00\x00\x00\x0d"
    "accept-ranges\x00\x00\x00\x03"
    "a"
    "ge\x00\x00\x00\x05"
    "allow\x00\x00\x00\x0d"
    "authorization\x00\x00\x00\x0d"
    "cache-control\x00\x00\x00\x0a"
    "c"
    "onnection\x00\x00\x00\x0c"
    "content-base\x00\x00\x00\x10"
    "content-encoding\x00\x00\x00\x10"
    "co"
    "ntent-language\x00\x00\x00\x0e"
    "content-length\x00\x00\x00\x10"
    "content-location\x00\x00\x00\x0b"
    "c"
    "ontent-md5\x00\x00\x00\x0d"
    "content-range\x00\x00\x00\x0c"
    "content-type\x00\x00\x00\x04"
    "date"
    "\x00\x00\x00\x04"
    "etag\x00\x00\x00\x06"
    "expect\x00\x00\x00\x07"
    "expires\x00\x00\x00\x04"
    "fro"
    "m\x00\x00\x00\x04host\x00\x00\x00\x08if-match\x00\x00\x00\x11if-modified-since\x00\x00\x00\x0dif"
    "-none-match\x00\x00\x00\x08if-range\x00\x00\x00\x13if-unmodified-since\x00\x00\x00\x0dlast-modif"
    "ied\x00\x00\x00\x08location\x00\x00\x00\x0cmax-forwards\x00\x00\x00\x06pragma\x00\x00\x00\x12pro"
    "xy-authenticate\x00\x00\x00\x13proxy-"
    "authorization\x00\x00\x00\x05range\x00\x00\x00\x07referer\x00\x00\x00\x0br"
    "etry-after\x00\x00\x00\x06server\x00\x00\x00\x02te\x00\x00\x00\x07trailer\x00\x00\x00\x11transfe"
    "r-encoding\x00\x00\x00\x07upgrade\x00\x00\x00\x0auser-agent\x00\x00\x00\x04vary\x00\x00\x00\x03v"
    "ia\x00\x00\x00\x07warning\x00\x00\x00\x10www-authenticate\x00\x00\x00\x06method\x00\x00\x00\x03g"
    "et\x00\x00\x00\x06status\x00\x00\x00\x06"
    "200 OK\x00\x00\x00\x07version\x00\x00\x00\x08HTTP/1.1"
    "\x00\x00\x00\x03url\x00\x00\x00\x06public\x00\x00\x00\x0aset-cookie\x00\x00\x00\x0akeep-"
    "alive\x00\x00\x00\x06o"
    "rigin1001012012022052063003023033043053063074024054064074084094104114124134144154164175025045052"
    "03 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthoriz"
    "ed403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service UnavailableJ"
    "an Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTc"
    "hunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,"
    "text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq"
    "=0.";
} // namespace

QByteArray headerDictionary() {
    // sizeof counts the literal's terminating NUL, which is not part of the dictionary.
    return QByteArray::fromRawData(dictionary, sizeof(dictionary) - 1);
}

} // namespace binnacle::sim::spdy
