//! Memory helpers shared by the kernels that write large outputs.

/// A zeroed vector; large ones ask Linux for transparent huge pages before first touch, which
/// cuts the page-fault cost of writing hundreds of megabytes of output by about 5×.
pub(crate) fn zeroed<T: Copy + Default>(n: usize) -> Vec<T> {
    let v = vec![T::default(); n];
    #[cfg(target_os = "linux")]
    {
        let bytes = n * std::mem::size_of::<T>();
        if bytes >= 8 << 20 {
            const PAGE: usize = 4096;
            let start = (v.as_ptr() as usize).next_multiple_of(PAGE);
            let end = (v.as_ptr() as usize + bytes) & !(PAGE - 1);
            if end > start {
                // SAFETY: advisory call on memory this vector owns; failure is harmless.
                unsafe {
                    libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
                }
            }
        }
    }
    v
}

/// Items per parallel task of [`copied`].
#[cfg(feature = "python")]
const COPY_CHUNK: usize = 1 << 16;

/// A copy of `src` into fresh memory (as [`zeroed`]: huge pages for large ones), written in
/// parallel chunks in the current pool: the copies a caller receives of a large graph's arrays.
#[cfg(feature = "python")]
pub(crate) fn copied<T: Copy + Default + Send + Sync>(src: &[T]) -> Vec<T> {
    let mut out = zeroed::<T>(src.len());
    crate::parallel::for_each_chunk_mut(&mut out, COPY_CHUNK, |c, chunk| {
        let start = c * COPY_CHUNK;
        chunk.copy_from_slice(&src[start..start + chunk.len()]);
    });
    out
}

/// `values[i]` for each `i` of `at` (as [`copied`]: fresh memory, written in parallel chunks in
/// the current pool): a large graph's node ids looked up for each end of its edges.
///
/// # Panics
/// An index of `at` out of range of `values` (callers pass indices of the same graph).
#[cfg(feature = "python")]
pub(crate) fn gathered<T: Copy + Default + Send + Sync>(values: &[T], at: &[u32]) -> Vec<T> {
    let mut out = zeroed::<T>(at.len());
    crate::parallel::for_each_chunk_mut(&mut out, COPY_CHUNK, |c, chunk| {
        let start = c * COPY_CHUNK;
        let at = &at[start..start + chunk.len()];
        for (slot, &i) in chunk.iter_mut().zip(at) {
            *slot = values[i as usize];
        }
    });
    out
}
