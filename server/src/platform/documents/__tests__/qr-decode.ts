import jsQRModule from 'jsqr';

// jsqr is CommonJS whose typings declare an ES default export: under NodeNext the function is `.default`.
const jsQR = jsQRModule.default;

/** Test helper: the text of the QR code in an RGBA image, or undefined. */
export function decodeQr(
  data: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
): string | undefined {
  return jsQR(new Uint8ClampedArray(data), width, height)?.data;
}
