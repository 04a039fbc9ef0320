// Where MX request bodies carry what an end user typed: the `value` of each item in these lists (bank credentials,
// MFA answers). The client masks them in --debug output and the sandbox in its recordings.
export const USER_TYPED_LISTS: ReadonlySet<string> = new Set(['credentials', 'challenges']);
