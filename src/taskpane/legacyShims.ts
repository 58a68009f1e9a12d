/**
 * What EdgeHTML 18 (Office 2019 on Windows 10 without WebView2) lacks, that Fluent UI calls without checking and
 * core-js cannot add: DOM interfaces, and WeakRef (no script can make a reference weak). Each is installed only
 * where it is missing, so current webviews run their own. Both page entries import this module first.
 * The list comes from MDN's compatibility data for what the built bundle calls (docs/decisions/0014).
 */
import { ResizeObserver as ResizeObserverPonyfill } from "@juggle/resize-observer";

interface LegacyWindow {
  WeakRef?: unknown;
  ResizeObserver?: unknown;
  DOMRect?: unknown;
}
const legacy = window as unknown as LegacyWindow;

if (typeof legacy.WeakRef !== "function") {
  // tabster and keyborg (Fluent's focus management) hold elements through WeakRef.deref(). A strong reference
  // behaves the same for them; a removed element then stays in memory until they drop the wrapper.
  legacy.WeakRef = class WeakRef<T extends object> {
    constructor(private readonly target: T) {}
    deref(): T {
      return this.target;
    }
  };
}

// Fluent's positioning (dropdowns, tooltips) and message bars create a ResizeObserver unconditionally.
if (typeof legacy.ResizeObserver !== "function") legacy.ResizeObserver = ResizeObserverPonyfill;

function canConstructDomRect(): boolean {
  try {
    return typeof legacy.DOMRect === "function" && new DOMRect(0, 0, 1, 1).width === 1;
  } catch {
    return false; // EdgeHTML has the ClientRect interface but no DOMRect constructor
  }
}
if (!canConstructDomRect()) {
  // tabster measures containers with `new DOMRect(x, y, width, height)`.
  legacy.DOMRect = class DOMRect {
    constructor(
      readonly x = 0,
      readonly y = 0,
      readonly width = 0,
      readonly height = 0
    ) {}
    get left(): number {
      return Math.min(this.x, this.x + this.width);
    }
    get right(): number {
      return Math.max(this.x, this.x + this.width);
    }
    get top(): number {
      return Math.min(this.y, this.y + this.height);
    }
    get bottom(): number {
      return Math.max(this.y, this.y + this.height);
    }
    toJSON(): object {
      const { x, y, width, height, top, right, bottom, left } = this;
      return { x, y, width, height, top, right, bottom, left };
    }
  };
}

if (typeof Event.prototype.composedPath !== "function") {
  // keyborg and tabster read `event.composedPath()[0]` on focus events. Without shadow DOM (EdgeHTML has none)
  // the path is the target and its ancestors, then the document and the window.
  Event.prototype.composedPath = function composedPath(this: Event): EventTarget[] {
    const path: EventTarget[] = [];
    let node: Node | null = this.target instanceof Node ? this.target : null;
    if (!node) return this.target ? [this.target] : [];
    while (node) {
      path.push(node);
      node = node.parentNode;
    }
    if (path[path.length - 1] instanceof Document) path.push(window);
    return path;
  };
}

export {};
