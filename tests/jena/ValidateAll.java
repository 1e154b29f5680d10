// Validates many data files against one shapes file in a single JVM with Apache Jena's SHACL
// engine, writing each validation report as N-Triples: the second, independent engine that
// tests/validate/test_shapes_jena.py compares with pySHACL.
// Run: java -cp $CP ValidateAll.java SHAPES.ttl DATA1.nt REPORT1.nt [DATA2.nt REPORT2.nt ...]
import java.io.FileOutputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;

public class ValidateAll {
    public static void main(String[] args) throws Exception {
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph(args[0]));
        for (int i = 1; i + 1 < args.length; i += 2) {
            Graph data = RDFDataMgr.loadGraph(args[i]);
            ValidationReport report = ShaclValidator.get().validate(shapes, data);
            try (FileOutputStream out = new FileOutputStream(args[i + 1])) {
                RDFDataMgr.write(out, report.getModel(), Lang.NTRIPLES);
            }
        }
    }
}
