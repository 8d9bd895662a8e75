import { useEffect, useState } from 'react';

export function useNow(now: () => number, ms = 30_000): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    const handle = setInterval(() => setValue(now()), ms);
    return () => clearInterval(handle);
  }, [now, ms]);
  return value;
}
