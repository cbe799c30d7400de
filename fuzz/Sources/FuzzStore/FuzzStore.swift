import Engine
import FuzzSQLite
import FuzzSupport
import Store

/// Fuzz target: reading back stored rows. A temporary database holds one real run (written through
/// `RunStore`); each input overwrites one column of one row (JSON columns, bodies, enums, numbers) with
/// arbitrary bytes as a blob, text, integer, real or NULL, then reads everything back through `RunStore`'s
/// public API. A damaged row must surface as a typed `StoreError`, never as a crash. The column's old value
/// is restored afterwards, so every input starts from the same database.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStore(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let fixture = StoreFixture.shared else { return 0 }
    var input = FuzzInput(data, size)
    let target = input.pick(StoreFixture.columns)
    let row = input.int(in: 0...3)
    let kind = input.int(in: 0...4)
    let payload = input.rest()
    guard let saved = fixture.overwrite(target, row: row, kind: kind, payload: payload) else { return 0 }
    defer { fixture.restore(saved) }
    fixture.readEverything()
    return 0
}
