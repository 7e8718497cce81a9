/**
 * The last signature made, for reuse. A signature covers the body, the path and Response-Time,
 * which has whole seconds: an answer whose text never changes (the shed answer) needs one RSA
 * signature per second and path, however many requests are shed in that second.
 */
export function signatureCache(sign: (text: string, time: string, path: string) => string) {
  let last: { text: string; time: string; path: string; signature: string } | undefined;
  return (text: string, time: string, path: string): string => {
    if (last?.time === time && last.path === path && last.text === text) return last.signature;
    const signature = sign(text, time, path);
    last = { text, time, path, signature };
    return signature;
  };
}
