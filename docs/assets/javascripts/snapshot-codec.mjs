// The calculators' memory snapshot, made smaller before gzip: the Python memory that Pyodide's
// makeMemorySnapshot() returns begins with everything the WebAssembly module's data segments
// already hold (CPython's static objects and frozen modules, about 3 MB), so the served file holds
// that memory XOR those segments: zeros wherever Python did not change them, which gzip all but
// removes. XOR undoes itself: the same call encodes (scripts/site/make_snapshot.mjs) and decodes
// (calculator-worker.mjs, tests/pyodide/restore_snapshot.mjs), with the very pyodide.asm.wasm that
// instantiates the memory.

// Each active data segment of a WebAssembly binary: [memory offset, start in the binary, length].
export function dataSegments(wasm) {
  let at = 8; // magic and version
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return result;
    }
  };
  const segments = [];
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    const end = at + size;
    if (id === 11) {
      for (let count = leb(); count > 0; count--) {
        const flag = leb();
        if (flag === 1) { // passive: copied by the module itself, not at instantiation
          at += leb();
          continue;
        }
        if (flag === 2) leb(); // memory index
        if (wasm[at++] !== 0x41) throw new Error("snapshot codec: a data segment whose offset is not an i32.const");
        const offset = leb(); // sleb128, but offsets here are positive and below 2^31
        if (wasm[at++] !== 0x0b) throw new Error("snapshot codec: a data segment offset without its end");
        const length = leb();
        segments.push([offset, at, length]);
        at += length;
      }
    }
    at = end;
  }
  if (!segments.length) throw new Error("snapshot codec: the WebAssembly binary has no data segment");
  return segments;
}

// XOR the memory part of a Pyodide snapshot (after its header, whose length is its second 32-bit
// word) with the data segments of `wasm`, in place; returns `snapshot`.
export function xorDataSegments(snapshot, wasm) {
  const header = new DataView(snapshot.buffer, snapshot.byteOffset, 8).getUint32(4, true);
  for (const [offset, start, length] of dataSegments(wasm)) {
    const target = header + offset;
    if (target + length > snapshot.length) throw new Error("snapshot codec: a data segment beyond the snapshot's memory");
    for (let i = 0; i < length; i++) snapshot[target + i] ^= wasm[start + i];
  }
  return snapshot;
}
