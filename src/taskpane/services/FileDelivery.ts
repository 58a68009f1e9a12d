/**
 * How the pane hands judges' copies to the person. Downloads where the host's webview saves them (Excel on the web,
 * Excel for Windows); elsewhere one new Excel workbook per copy with Excel.createWorkbook (ExcelApi 1.8), which the
 * person saves and emails. Excel for Mac's WKWebView ignores downloads (OfficeDev/office-js#2700, #3385: "by
 * design"), so it opens workbooks instead. The composition root chooses; the service only calls `deliver`.
 */
export type DeliveryMode = "download" | "newWorkbook";

export interface DeliveredFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface FileDelivery {
  readonly mode: DeliveryMode;
  deliver(files: readonly DeliveredFile[]): Promise<void>;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Each file saved as a download through a link with `download` set (the browser asks or saves to Downloads). */
export function browserDownloads(given?: Document): FileDelivery {
  return {
    mode: "download",
    async deliver(files) {
      // Looked up when used: a service made outside a page (tests, the command line's bench) never downloads.
      const doc = given ?? document;
      for (const file of files) {
        const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: XLSX_TYPE }));
        const link = doc.createElement("a");
        link.href = url;
        link.download = file.name;
        link.style.display = "none";
        doc.body.appendChild(link);
        link.click();
        link.remove();
        // Revoked a little later: the download starts asynchronously.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
    },
  };
}

/** Base64 of bytes, in slices small enough for String.fromCharCode's argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Each file opened as a new Excel workbook (the person saves it under the name the pane shows). */
export function newWorkbooks(createWorkbook: (base64: string) => Promise<void>): FileDelivery {
  return {
    mode: "newWorkbook",
    async deliver(files) {
      for (const file of files) await createWorkbook(toBase64(file.bytes));
    },
  };
}

/** Office.context.platform → how to deliver: downloads on the web and on Windows, new workbooks elsewhere. */
export function deliveryForPlatform(
  platform: string | undefined,
  createWorkbook: (base64: string) => Promise<void>
): FileDelivery {
  return platform === "OfficeOnline" || platform === "PC"
    ? browserDownloads()
    : newWorkbooks(createWorkbook);
}
