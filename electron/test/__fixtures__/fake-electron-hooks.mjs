// Module resolution hook: `electron` resolves to fake-electron.mjs (the smoke test's stand-in).
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: new URL('./fake-electron.mjs', import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
