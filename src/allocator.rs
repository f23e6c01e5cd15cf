//! The allocator of the binary and the benches: mimalloc, called the way
//! the C `malloc` contract allows. A check allocates many small,
//! short-lived vectors and strings a document, and mimalloc serves them in
//! a fraction of the system allocator's instructions.
//!
//! The `mimalloc` crate's allocator asks for every block through
//! `mi_malloc_aligned`, whose checks and slower paths cost more
//! instructions per allocation than `mi_malloc` (about 3% of a whole
//! check). `mi_malloc` hands out blocks in whole machine words from
//! word-aligned pages, so a layout asking no more than a word's alignment
//! (nearly every one: strings, vectors, boxes of plain data) takes the
//! plain calls, any other the aligned ones.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The alignment every `mi_malloc` block has: a machine word's.
const PLAIN_ALIGN: usize = std::mem::size_of::<usize>();

pub struct MiMalloc;

/// Whether `mi_malloc` and its kin align a block of `layout` already.
fn plain(layout: &Layout) -> bool {
    layout.align() <= PLAIN_ALIGN
}

// SAFETY: every method hands mimalloc a layout's size and, when the plain
// calls would not satisfy it, its alignment; blocks are freed by
// `mi_free`, which takes a block from any of these calls.
unsafe impl GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain calls only where they align the block (see `plain`).
        unsafe {
            if plain(&layout) {
                mi::mi_malloc(layout.size()) as *mut u8
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if plain(&layout) {
                mi::mi_zalloc(layout.size()) as *mut u8
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from one of this allocator's calls.
        unsafe { mi::mi_free(ptr as *mut c_void) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`; the new
        // block keeps the alignment the layout asks.
        unsafe {
            if plain(&layout) {
                mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every block is aligned as its layout asks, through allocation,
    /// zeroed allocation and growth, on either path.
    #[test]
    fn blocks_are_aligned_as_their_layouts_ask() {
        let a = MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 3, 8, 16, 24, 40, 48, 56, 100, 1000, 70_000] {
                if !size.is_multiple_of(align) && size > align {
                    continue;
                }
                let layout = Layout::from_size_align(size, align).expect("valid");
                // SAFETY: non-zero sizes; each block is freed once, by the
                // allocator that made it, with the layout it was made for.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(
                        !p.is_null() && (p as usize).is_multiple_of(align),
                        "{size} {align}"
                    );
                    p.write_bytes(7, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert!(
                        !q.is_null() && (q as usize).is_multiple_of(align),
                        "{size} {align}"
                    );
                    assert_eq!(*q, 7, "growth keeps the contents");
                    a.dealloc(q, Layout::from_size_align(size * 3, align).expect("valid"));
                    let z = a.alloc_zeroed(layout);
                    assert!(
                        (z as usize).is_multiple_of(align) && *z == 0,
                        "{size} {align}"
                    );
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
