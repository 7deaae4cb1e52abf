// Preloaded (-r) into the Agents Playground: it must listen on 127.0.0.1 only, and its telemetry
// and CDN lookups must fail at once on this closed network instead of hanging.
const net = require('node:net');
const dns = require('node:dns');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function patchedListen(...args) {
  if (args[0] !== null && typeof args[0] === 'object' && !Array.isArray(args[0])) {
    if (args[0].port !== undefined) args[0] = { ...args[0], host: '127.0.0.1' };
  } else if (typeof args[0] === 'number' || /^\d+$/.test(String(args[0]))) {
    if (typeof args[1] === 'string') args[1] = '127.0.0.1';
    else args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};

const local = new Set(['localhost', '127.0.0.1', '::1']);
const lookup = dns.lookup;
dns.lookup = function patchedLookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  if (local.has(hostname))
    return lookup.call(this, hostname, typeof options === 'function' ? {} : options, done);
  const error = Object.assign(new Error(`lookup disabled for ${hostname}`), { code: 'ENOTFOUND', hostname });
  process.nextTick(() => done(error));
  return undefined;
};
